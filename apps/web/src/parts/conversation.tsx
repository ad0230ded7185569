import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ComponentType, ConversationStore } from '@choice-sherpa/client';
import { useObservable, useServices } from '../app-context';
import { useSessionStore } from '../session-context';
import { ErrorMessage } from './messages';

/** The chat with the facilitator: messages, the reply streamed as it is written, the extracted output to confirm. */
export function Conversation({ cycleId, type, locked }: { cycleId: string; type: ComponentType; locked: boolean }) {
  const { api } = useServices();
  const session = useSessionStore();
  const store = useMemo(() => new ConversationStore(session, api, cycleId, type), [session, api, cycleId, type]);
  useEffect(() => store.start(), [store]);
  const { status, conversation, streaming, extraction, error, failed } = useObservable(store.conversation);
  const [draft, setDraft] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  const log = useRef<HTMLOListElement>(null);
  useEffect(() => log.current?.lastElementChild?.scrollIntoView?.({ block: 'nearest' }), [conversation?.messages.length, streaming?.text]);

  const send = async (event: Event) => {
    event.preventDefault();
    const content = draft.trim();
    if (!content) return;
    setDraft('');
    if (!(await store.send(content))) setDraft(content);
    input.current?.focus();
  };

  if (status === 'loading') return <p role="status">Loading the conversation…</p>;
  if (status === 'not_found') return <p role="status">The facilitator is getting ready: the conversation appears in a moment.</p>;
  const closed = locked || conversation?.state === 'complete';
  return (
    <section class="panel conversation" aria-labelledby="conversation-title">
      <h2 id="conversation-title">Conversation</h2>
      <ol class="messages" ref={log} aria-live="polite" aria-label="Messages">
        {conversation?.messages
          .filter((m) => m.role !== 'system')
          .map((m) => (
            <li key={m.id} class={`message message-${m.role}`}>
              <span class="visually-hidden">{m.role === 'user' ? 'You' : 'Facilitator'}: </span>
              {m.content}
            </li>
          ))}
        {streaming?.user && !conversation?.messages.some((m) => m.id === streaming.user?.id) && <li class="message message-user">{streaming.user.content}</li>}
        {streaming && (
          <li class="message message-assistant streaming" aria-busy="true">
            {streaming.text || '…'}
          </li>
        )}
      </ol>
      {extraction?.status === 'extracted' && conversation?.state !== 'confirmed' && (
        <div class="extraction" role="region" aria-label="Extracted output">
          <h3>Here is what I understood</h3>
          <pre>{JSON.stringify(extraction.output, null, 2)}</pre>
          <p>If it is right, confirm it and it becomes this step's output; otherwise tell the facilitator what to change.</p>
          <button type="button" disabled={!!streaming} onClick={() => void store.send('yes')}>
            Yes, save it as the output
          </button>
        </div>
      )}
      {conversation?.state === 'confirmed' && !locked && (
        <p class="confirmed" role="status">
          Confirmed: it is this step's output now. Mark the step complete when you are ready.
        </p>
      )}
      {extraction?.status === 'invalid' && (
        <div class="extraction" role="region" aria-label="What is still missing">
          <h3>Still missing</h3>
          <ul>
            {extraction.problems.map((p) => (
              <li key={p.field}>
                {p.field}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {error && <ErrorMessage error={error} action="send the message" />}
      {failed && (
        <button type="button" onClick={() => void store.retry()}>
          Try again
        </button>
      )}
      {closed ? (
        <p class="meta">This step is complete: revise it to talk about it again.</p>
      ) : (
        <form onSubmit={send} class="composer">
          <label for="message">Your message</label>
          <textarea
            id="message"
            ref={input}
            rows={3}
            maxLength={8000}
            value={draft}
            onInput={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send(e);
            }}
          />
          <button type="submit" disabled={!!streaming || !draft.trim()}>
            Send
          </button>
        </form>
      )}
    </section>
  );
}
