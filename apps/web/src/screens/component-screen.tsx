import { useState } from 'preact/hooks';
import { COMPONENT_LABELS, ComponentType } from '@choice-sherpa/client';
import { NotFound } from '../parts/not-found';
import { useObservable } from '../app-context';
import { Conversation } from '../parts/conversation';
import { ErrorMessage } from '../parts/messages';
import { OutputView } from '../parts/output-view';
import { StatusBadge } from '../parts/status';
import { useComponent } from '../parts/use-component';
import { WithSession } from '../parts/with-session';
import { href } from '../router';
import { useSessionStore } from '../session-context';

interface Props {
  sessionId: string;
  cycleId: string;
  type: ComponentType;
}

export function ComponentScreen(props: Props) {
  return (
    <WithSession sessionId={props.sessionId}>
      <ComponentPage {...props} />
    </WithSession>
  );
}

/** One component: status and actions, the conversation with the facilitator, the output (edited by hand if need be). */
function ComponentPage({ sessionId, cycleId, type }: Props) {
  const session = useSessionStore();
  const { failure, view } = useObservable(session.session);
  const { status, detail, error } = useComponent(cycleId, type);
  const [reason, setReason] = useState('');
  if (status === 'not_found') return <NotFound what="step" />;
  if (error && !detail) return <ErrorMessage error={error} action="load this step" />;
  if (!detail) return <p role="status">Loading…</p>;
  const active = detail.cycle_status === 'active';
  return (
    <>
      <nav aria-label="Breadcrumb" class="crumbs">
        <a href={href.session(sessionId)}>{view?.title ?? 'Decision'}</a> › {COMPONENT_LABELS[type]}
      </nav>
      <div class="title-row">
        <h1>{COMPONENT_LABELS[type]}</h1>
        <StatusBadge status={detail.status} />
      </div>
      {detail.revision_reason && <p class="meta">Revision: {detail.revision_reason}</p>}
      {failure && <ErrorMessage error={failure.error} action={failure.label} onDismiss={() => session.dismissFailure()} />}
      {active && (
        <div class="toolbar">
          {detail.status === 'not_started' && (
            <button type="button" onClick={() => void session.startComponent(cycleId, type)}>
              Start this step
            </button>
          )}
          {(detail.status === 'in_progress' || detail.status === 'needs_revision') && (
            <button type="button" onClick={() => void session.completeComponent(cycleId, type)}>
              Mark complete
            </button>
          )}
          {detail.can_revise && (
            <form
              class="inline-form"
              onSubmit={(event) => {
                event.preventDefault();
                if (reason.trim()) void session.reviseComponent(cycleId, type, reason.trim()).then((ok) => ok && setReason(''));
              }}
            >
              <label for="revise-reason">Reason to revise</label>
              <input id="revise-reason" maxLength={2000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
              <button type="submit" class="secondary" disabled={!reason.trim()}>
                Revise
              </button>
            </form>
          )}
        </div>
      )}
      <div class="columns">
        {detail.status !== 'not_started' && <Conversation cycleId={cycleId} type={type} locked={detail.status === 'complete'} />}
        <OutputView cycleId={cycleId} type={type} output={detail.output} summary={detail.output_summary} editable={active && detail.status !== 'complete' && detail.status !== 'not_started'} />
      </div>
      <nav class="toolbar" aria-label="Steps">
        {detail.previous && <a href={href.component(sessionId, cycleId, detail.previous)}>← {COMPONENT_LABELS[detail.previous]}</a>}
        {detail.next && <a href={href.component(sessionId, cycleId, detail.next)}>{COMPONENT_LABELS[detail.next]} →</a>}
      </nav>
    </>
  );
}
