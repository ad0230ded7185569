import { useState } from 'preact/hooks';
import { COMPONENT_LABELS, COMPONENT_TYPES, ComponentType, CycleView } from '@choice-sherpa/client';
import { href } from '../router';
import { useSessionStore } from '../session-context';
import { DqChart } from './dq-chart';
import { PughTable } from './pugh-table';
import { ProgressBar, StatusBadge } from './status';

/** One cycle: progress, the nine components with status and messages, analysis, actions, and its branches below. */
export function CycleCard({ cycle, sessionId, label }: { cycle: CycleView; sessionId: string; label: string }) {
  const store = useSessionStore();
  const active = cycle.status === 'active';
  const started = cycle.components.filter((c) => c.status !== 'not_started').map((c) => c.component_type);
  const [branchAt, setBranchAt] = useState<ComponentType | ''>('');
  const headingId = `cycle-${cycle.cycle_id}`;
  return (
    <li class="cycle" data-cycle-id={cycle.cycle_id}>
      <article class="panel" aria-labelledby={headingId}>
        <header class="cycle-head">
          <h2 id={headingId} tabIndex={-1}>
            {label}
            {cycle.branch_point && <span class="branch-note"> · branched at {COMPONENT_LABELS[cycle.branch_point]}</span>}
          </h2>
          <StatusBadge status={cycle.status} />
        </header>
        <ProgressBar progress={cycle.progress} label={`${label} progress`} />
        <ol class="components" aria-label={`${label} components`}>
          {cycle.components.map((c) => (
            <li key={c.component_type} data-component={c.component_type} data-status={c.status}>
              <a href={href.component(sessionId, cycle.cycle_id, c.component_type)}>{COMPONENT_LABELS[c.component_type]}</a>
              <StatusBadge status={c.status} />
              {c.message_count > 0 && (
                <span class="count" aria-label={`${c.message_count} messages`}>
                  {c.message_count} msg
                </span>
              )}
              {c.inherited_from && <span class="inherited">from parent</span>}
            </li>
          ))}
        </ol>
        {cycle.pugh && <PughTable cycleId={cycle.cycle_id} pugh={cycle.pugh} />}
        {cycle.dq && <DqChart dq={cycle.dq} />}
        {active && (
          <div class="toolbar">
            <button type="button" onClick={() => void store.completeCycle(cycle.cycle_id)}>
              Complete cycle
            </button>
            <form
              class="branch-form"
              onSubmit={(event) => {
                event.preventDefault();
                if (branchAt) void store.branch(cycle.cycle_id, branchAt);
              }}
            >
              <label for={`branch-${cycle.cycle_id}`}>Branch at</label>
              <select id={`branch-${cycle.cycle_id}`} value={branchAt} onChange={(e) => setBranchAt(e.currentTarget.value as ComponentType)}>
                <option value="">Choose a started step</option>
                {COMPONENT_TYPES.filter((t) => started.includes(t)).map((t) => (
                  <option key={t} value={t}>
                    {COMPONENT_LABELS[t]}
                  </option>
                ))}
              </select>
              <button type="submit" disabled={!branchAt}>
                Branch
              </button>
            </form>
            <button type="button" class="secondary" onClick={() => void store.archiveCycle(cycle.cycle_id)}>
              Archive cycle
            </button>
          </div>
        )}
      </article>
      {cycle.branches.length > 0 && (
        <ol class="cycle-tree branches" aria-label={`Branches of ${label}`}>
          {cycle.branches.map((branch, index) => (
            <CycleCard key={branch.cycle_id} cycle={branch} sessionId={sessionId} label={`${label}.${index + 1}`} />
          ))}
        </ol>
      )}
    </li>
  );
}
