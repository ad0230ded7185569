import { useState } from 'preact/hooks';
import type { ComponentType } from '@choice-sherpa/client';
import { useSessionStore } from '../session-context';

/** The component's output: read as a structured list; editable as JSON (validated by the service, errors named). */
export function OutputView({ cycleId, type, output, summary, editable }: { cycleId: string; type: ComponentType; output: object | null; summary: string | null; editable: boolean }) {
  const session = useSessionStore();
  const [draft, setDraft] = useState<string | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  const save = async (event: Event) => {
    event.preventDefault();
    try {
      const parsed = JSON.parse(draft ?? '');
      setParseError(null);
      if (await session.updateOutput(cycleId, type, parsed)) setDraft(null);
    } catch {
      setParseError('That is not valid JSON.');
    }
  };
  return (
    <section class="panel output" aria-labelledby="output-title">
      <h2 id="output-title">Output</h2>
      {summary && <p class="meta">{summary}</p>}
      {output ? <Value value={output} /> : <p>Nothing yet: the conversation fills it in.</p>}
      {editable && draft === null && (
        <button type="button" class="secondary" onClick={() => setDraft(JSON.stringify(output ?? {}, null, 2))}>
          Edit as JSON
        </button>
      )}
      {editable && draft !== null && (
        <form onSubmit={save}>
          <label for="output-json">Output (JSON)</label>
          <textarea id="output-json" rows={12} value={draft} onInput={(e) => setDraft(e.currentTarget.value)} aria-invalid={parseError !== null} />
          {parseError && <p class="error" role="alert">{parseError}</p>}
          <button type="submit">Save output</button>
          <button type="button" class="secondary" onClick={() => setDraft(null)}>
            Cancel
          </button>
        </form>
      )}
    </section>
  );
}

function Value({ value }: { value: unknown }) {
  if (Array.isArray(value)) {
    if (value.length === 0) return <span class="meta">none</span>;
    return (
      <ul>
        {value.map((item, i) => (
          <li key={i}>
            <Value value={item} />
          </li>
        ))}
      </ul>
    );
  }
  if (value && typeof value === 'object') {
    return (
      <dl>
        {Object.entries(value).map(([key, v]) => (
          <div key={key}>
            <dt>{key.replace(/_/g, ' ')}</dt>
            <dd>
              <Value value={v} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <span>{String(value)}</span>;
}
