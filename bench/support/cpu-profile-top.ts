import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// Reads the .cpuprofile files a bench run left (E2E_NODE_ARGS="--cpu-prof --cpu-prof-dir=<dir>") and prints, per
// service, the top entries by self time, by function and by package (node_modules/<package>, node internals, the
// project's own code), over the samples of a time window (the last `--last-s` seconds before the process's last
// `--skip-end-s` seconds, i.e. the measured load rather than start-up and shutdown). A third table charges native
// and node-internal self time (socket writes, timers) to the nearest package up the stack.
//   node dist/bench/support/cpu-profile-top.js <dir> [--last-s 18] [--skip-end-s 1] [--top 15]

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface TopEntry {
  name: string;
  selfPercent: number;
}

export interface ServiceProfile {
  service: string;
  sampledMs: number;
  busyPercent: number;
  byFunction: TopEntry[];
  byPackage: TopEntry[];
  /** Self time charged to the nearest package up the stack (a socket write to the library that asked for it). */
  byOwner: TopEntry[];
}

const SERVICE_IN_URL = /\/dist\/apps\/([a-z-]+)\/src\//;

export function packageOf(url: string): string {
  if (url === '') return '(native/vm)';
  return libraryOf(url) ?? (url.startsWith('node:') ? 'node internals' : url);
}

/** node_modules/<package>, or the project's apps/<name> or libs/<name>; undefined for node internals and native frames. */
function libraryOf(url: string): string | undefined {
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  return /\/dist\/((?:apps|libs)\/[a-z-]+)\//.exec(url)?.[1];
}

export function summarizeProfile(profile: Profile, lastS: number, skipEndS: number, top: number): Omit<ServiceProfile, 'service'> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const ownerOf = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const owner = libraryOf(byId.get(at)!.callFrame.url);
      if (owner) return owner;
    }
    return byId.get(id)!.callFrame.functionName || '(unknown)';
  };
  const end = profile.endTime - skipEndS * 1e6;
  const start = end - lastS * 1e6;
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  const owners = new Map<string, number>();
  let at = profile.startTime;
  let total = 0;
  let idle = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i];
    if (at < start || at > end) continue;
    const weight = profile.timeDeltas[i + 1] ?? 0;
    const frame = byId.get(profile.samples[i])!.callFrame;
    total += weight;
    if (frame.functionName === '(idle)') {
      idle += weight;
      continue;
    }
    const where = frame.url ? `${path.basename(frame.url)}:${frame.lineNumber + 1}` : '';
    const name = `${frame.functionName || '(anonymous)'} ${where}`.trim();
    const owner = frame.url ? packageOf(frame.url) : frame.functionName;
    fn.set(name, (fn.get(name) ?? 0) + weight);
    pkg.set(owner, (pkg.get(owner) ?? 0) + weight);
    const charged = ownerOf(profile.samples[i]);
    owners.set(charged, (owners.get(charged) ?? 0) + weight);
  }
  const busy = total - idle;
  const rank = (map: Map<string, number>): TopEntry[] =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, selfPercent: Math.round((us / Math.max(1, busy)) * 1000) / 10 }));
  return { sampledMs: Math.round(total / 1000), busyPercent: Math.round((busy / Math.max(1, total)) * 1000) / 10, byFunction: rank(fn), byPackage: rank(pkg), byOwner: rank(owners) };
}

export function readProfiles(dir: string, lastS: number, skipEndS: number, top: number): ServiceProfile[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.cpuprofile'))
    .map((file) => {
      const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Profile;
      const url = profile.nodes.map((node) => SERVICE_IN_URL.exec(node.callFrame.url)?.[1]).find((name) => name !== undefined);
      return { service: url ?? file, ...summarizeProfile(profile, lastS, skipEndS, top) };
    })
    .sort((a, b) => a.service.localeCompare(b.service));
}

function option(args: string[], name: string, fallback: number): number {
  const index = args.indexOf(name);
  return index >= 0 ? Number(args[index + 1]) : fallback;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const profiles = readProfiles(args[0], option(args, '--last-s', 18), option(args, '--skip-end-s', 1), option(args, '--top', 15));
  for (const profile of profiles) {
    process.stdout.write(`\n## ${profile.service} (${profile.sampledMs} ms sampled, ${profile.busyPercent}% busy)\n\n| self % of busy | function |\n|---:|---|\n`);
    for (const entry of profile.byFunction) process.stdout.write(`| ${entry.selfPercent} | \`${entry.name}\` |\n`);
    process.stdout.write(`\n| self % of busy | package |\n|---:|---|\n`);
    for (const entry of profile.byPackage) process.stdout.write(`| ${entry.selfPercent} | ${entry.name} |\n`);
    process.stdout.write(`\n| self % of busy | nearest package up the stack |\n|---:|---|\n`);
    for (const entry of profile.byOwner) process.stdout.write(`| ${entry.selfPercent} | ${entry.name} |\n`);
  }
}
