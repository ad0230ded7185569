import { href } from '../router';

export function NotFound({ what }: { what: string }) {
  return (
    <section class="panel" role="alert" aria-labelledby="nf">
      <h1 id="nf">Not found</h1>
      <p>
        This {what} does not exist, or it is not yours. <a href={href.sessions()}>Back to your decisions</a>
      </p>
    </section>
  );
}
