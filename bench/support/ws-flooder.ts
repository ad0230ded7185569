import { parentPort, workerData } from 'node:worker_threads';
import { LiveSocket } from '../../test/support/live-socket';

/** What the bench gives the flooding worker. */
export interface FloodPlan {
  gatewayUrl: string;
  origin: string;
  token: string;
  sessionId: string;
  sockets: number;
  joinsInFlight: number;
}

export interface FloodCounts {
  sent: number;
  outcomes: Record<string, number>;
  dropped: number;
}

/**
 * The flooding user of bench/ws-flood.bench.ts, in a worker thread so its client-side work does not sit on the event
 * loop that times the victim's joins: `sockets` sockets, each keeping `joinsInFlight` joins in flight; a socket the
 * gateway drops reconnects. Posts 'flooding' once every socket sent its first joins, and its counts on 'stop'.
 */
async function flood(plan: FloodPlan): Promise<void> {
  let running = true;
  const counts: FloodCounts = { sent: 0, outcomes: {}, dropped: 0 };
  const count = (outcome: string) => (counts.outcomes[outcome] = (counts.outcomes[outcome] ?? 0) + 1);
  let announced = false;
  const worker = async () => {
    while (running) {
      let socket: LiveSocket;
      try {
        socket = await LiveSocket.connect(plan.gatewayUrl, { origin: plan.origin, token: plan.token });
      } catch {
        count('HANDSHAKE_REFUSED');
        // The place of a dropped socket is not freed yet: try again shortly (pacing the flood, not a test wait).
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
      // Joins still in flight when the gateway drops the socket get no answer: counted as such, not waited for.
      const gone = new Promise<{ ok: false; error: { code: string } }>((resolve) => socket.socket.once('disconnect', () => resolve({ ok: false, error: { code: 'DROPPED_IN_FLIGHT' } })));
      while (running && socket.connected) {
        await Promise.all(
          Array.from({ length: plan.joinsInFlight }, async () => {
            counts.sent++;
            const ack = await Promise.race([socket.join(plan.sessionId).catch(() => ({ ok: false, error: { code: 'NO_ACK' } })), gone]);
            count(ack.ok ? 'OK' : (ack.error?.code ?? 'UNKNOWN'));
          }),
        );
        if (!announced && counts.sent >= plan.sockets * plan.joinsInFlight) {
          announced = true;
          parentPort?.postMessage({ type: 'flooding' });
        }
      }
      if (running) counts.dropped++;
      socket.disconnect();
    }
  };
  const workers = Array.from({ length: plan.sockets }, () => worker());
  parentPort?.once('message', async () => {
    running = false;
    await Promise.all(workers);
    parentPort?.postMessage({ type: 'counts', counts });
  });
}

if (parentPort && workerData) void flood(workerData as FloodPlan);
