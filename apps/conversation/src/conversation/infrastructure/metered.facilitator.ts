import { Facilitator, FacilitatorUnavailableError, type FacilitatorRequest, type ReplyIntent } from '../application/facilitator.port';
import { aiFirstToken, aiRequestDuration, aiRequests } from './conversation.metrics';

/** Counts and times every request of the facilitator it wraps (ai_requests_total, ai_request_duration_seconds, ai_first_token_seconds). */
export class MeteredFacilitator extends Facilitator {
  readonly provider: string;

  constructor(private readonly inner: Facilitator) {
    super();
    this.provider = inner.provider;
  }

  reply(request: FacilitatorRequest & { intent: ReplyIntent }, onDelta: (text: string) => void): Promise<string> {
    const started = process.hrtime.bigint();
    let first = true;
    return this.measure(() =>
      this.inner.reply(request, (text) => {
        if (first) {
          first = false;
          aiFirstToken.observe({ provider: this.provider }, Number(process.hrtime.bigint() - started) / 1e9);
        }
        onDelta(text);
      }),
    );
  }

  extract(request: FacilitatorRequest): Promise<unknown> {
    return this.measure(() => this.inner.extract(request));
  }

  private async measure<T>(call: () => Promise<T>): Promise<T> {
    const stop = aiRequestDuration.startTimer({ provider: this.provider });
    try {
      const value = await call();
      aiRequests.inc({ provider: this.provider, outcome: 'ok' });
      return value;
    } catch (error) {
      aiRequests.inc({ provider: this.provider, outcome: error instanceof FacilitatorUnavailableError ? error.reason : 'error' });
      throw error;
    } finally {
      stop();
    }
  }
}
