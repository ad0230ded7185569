import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DCLinter } from 'dclint';
import { parse } from 'yaml';
import { DEFAULT_SHUTDOWN_TIMEOUT_MS, loadPlatformConfig, ServiceName, SettingSpec } from '@choice-sherpa/platform';
import { repoRoot } from '../support/repo-root';
import { COMPOSE_FILE, ComposeFile, ComposeService, exampleEnv, loadCompose } from './support/compose-file';
import { ENTRY_POINT_SETTINGS, loadEntryPointSettings, upstreamSetting } from '../../hosts/entry-point/entry-point.settings';
import { COMPOSE_PUBLISHED_ENTRY, COMPOSE_REPLICATED, ENTRY_COMMAND, ENTRY_PORT, IMAGE_NAME, SERVICE_NAMES, SERVICE_PORTS, serviceCommand } from './support/deploy-facts';
import { durationMs } from './support/durations';
import { loadServiceSettings, missingRequired, unknownSettings } from './support/service-settings';

const lintConfig = () => ({ ...JSON.parse(readFileSync(path.join(repoRoot(), '.dclintrc.json'), 'utf8')), quiet: false, debug: false, exclude: [] });
const lint = (file: string) => new DCLinter(lintConfig()).lintFiles([file], false);

describe('docker-compose.yml', () => {
  const raw = loadCompose();
  const env = exampleEnv();
  const compose = loadCompose(env);
  const apps = SERVICE_NAMES.map((name) => [name, compose.services[name]] as const);
  let settings: Record<ServiceName, readonly SettingSpec[]>;

  beforeAll(async () => {
    settings = await loadServiceSettings();
  });

  it('validates against the compose specification with no lint findings (dclint)', () => {
    const [result] = lint(COMPOSE_FILE);
    expect(result.messages).toEqual([]);
  });

  it('the validation rejects what compose would reject (an unknown key, a wrong type)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'compose-lint-'));
    const bad = path.join(dir, 'docker-compose.yml');
    writeFileSync(bad, 'name: x\nservices:\n  a:\n    image: "busybox:1"\n    restat: always\n    deploy:\n      replicas: two\n');
    const [result] = lint(bad);
    expect(result.errorCount).toBeGreaterThan(0);
    expect(JSON.stringify(result.messages)).toMatch(/restat|additional/i);
  });

  it('runs the six services from the one image built from the Dockerfile, each with its own entry and port', () => {
    for (const [name, service] of apps) {
      expect(service, name).toBeDefined();
      expect(service.image).toBe(`${IMAGE_NAME}:local`);
      expect(service.build).toEqual({ context: '.', target: 'runtime' });
      expect(service.command).toEqual(serviceCommand(name));
      expect(service.environment?.PORT).toBe(String(SERVICE_PORTS[name]));
    }
  });

  it('gives every service each setting it requires, and nothing it does not read', () => {
    for (const [name, service] of apps) {
      const provided = Object.keys(service.environment ?? {});
      expect({ service: name, missing: missingRequired(settings[name], new Set(provided)) }).toEqual({ service: name, missing: [] });
      expect({ service: name, unknown: unknownSettings(settings[name], provided) }).toEqual({ service: name, unknown: [] });
    }
  });

  it('starts each service with a configuration its own loader accepts', () => {
    for (const [name, service] of apps) {
      const config = loadPlatformConfig(name, service.environment ?? {});
      expect(config.port).toBe(SERVICE_PORTS[name]);
      expect(new URL(config.databaseUrl).pathname).toBe(`/choice_${name.replace(/-/g, '_')}`);
    }
  });

  it('takes every secret from the uncommitted .env (interpolated, never literal), and .env.example lists each one', () => {
    const example = readFileSync(path.join(repoRoot(), '.env.example'), 'utf8');
    for (const [name] of apps) {
      const secrets = settings[name].filter((setting) => setting.secret).map((setting) => setting.name);
      for (const [key, value] of Object.entries(raw.services[name].environment ?? {})) {
        if (!secrets.includes(key)) continue;
        const references = [...value.matchAll(/\$\{([A-Z_][A-Z0-9_]*)(?:(:?[-?])([^}]*))?\}/g)];
        expect({ service: name, key, fromEnvFile: references.length > 0 }).toEqual({ service: name, key, fromEnvFile: true });
        for (const [, variable, operator, fallback] of references) {
          expect(example).toMatch(new RegExp(`^(# )?${variable}=`, 'm'));
          // A default stands in only where no credential is needed (the mail catcher); a required one has none.
          if (operator?.endsWith('-')) expect({ key, fallback: fallback.includes('@') && /\/\/[^/]*:[^/]*@/.test(fallback) }).toEqual({ key, fallback: false });
        }
      }
    }
    expect(readFileSync(path.join(repoRoot(), '.gitignore'), 'utf8')).toMatch(/^\.env$/m);
  });

  it('refuses to start without the secrets instead of running with empty ones', () => {
    expect(() => loadCompose({})).toThrow(/required variable (POSTGRES_PASSWORD|REDIS_PASSWORD|JWT_SECRET) is missing/);
  });

  it('health-checks every container and starts each one only after what it needs is healthy', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.healthcheck?.test, name).toBeDefined();
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect({ name, dependency, condition }).toEqual({ name, dependency, condition: 'service_healthy' });
        expect(compose.services[dependency].healthcheck, dependency).toBeDefined();
      }
    }
    for (const [name, service] of apps) {
      expect(service.healthcheck?.test).toEqual(['CMD', 'node', 'scripts/healthcheck.mjs', '/health/ready']);
      expect(Object.keys(service.depends_on ?? {})).toEqual(expect.arrayContaining(['postgres', 'redis']));
      expect(name === 'notifier' ? Object.keys(service.depends_on ?? {}) : []).toEqual(name === 'notifier' ? expect.arrayContaining(['mailpit']) : []);
    }
  });

  it('runs two replicas of ws-gateway and dashboard-projector, which therefore publish no host port', () => {
    for (const [name, service] of apps) {
      expect({ name, replicas: service.deploy?.replicas ?? 1 }).toEqual({ name, replicas: COMPOSE_REPLICATED.includes(name) ? 2 : 1 });
      expect(service.container_name).toBeUndefined();
    }
    for (const name of COMPOSE_REPLICATED) expect(compose.services[name].ports).toBeUndefined();
  });

  it('restarts and bounds every container', () => {
    expect(Object.keys(compose.services).sort()).toEqual([...SERVICE_NAMES, 'entry', 'mailpit', 'postgres', 'redis'].sort());
    for (const [name, service] of Object.entries(compose.services)) {
      expect({ name, restart: service.restart }).toEqual({ name, restart: 'unless-stopped' });
      expect(service.deploy?.resources?.limits?.memory, name).toMatch(/^\d+[MG]$/);
      expect(service.deploy?.resources?.limits?.cpus, name).toMatch(/^\d+(\.\d+)?$/);
    }
  });

  it('runs the services and the entry point read-only, unprivileged, and gives them longer than their drain to stop', () => {
    for (const [name, service] of [...apps, ['entry', compose.services.entry] as const]) {
      const hardening: Partial<ComposeService> = { read_only: service.read_only, tmpfs: service.tmpfs, cap_drop: service.cap_drop, security_opt: service.security_opt };
      expect({ name, ...hardening }).toEqual({ name, read_only: true, tmpfs: ['/tmp'], cap_drop: ['ALL'], security_opt: ['no-new-privileges:true'] });
      expect(durationMs(service.stop_grace_period ?? '10s')).toBeGreaterThan(DEFAULT_SHUTDOWN_TIMEOUT_MS);
    }
  });

  it('publishes the entry point as the one port of the system (on loopback), in front of every service', () => {
    const entry = compose.services.entry;
    expect(entry.image).toBe(`${IMAGE_NAME}:local`);
    expect(entry.command).toEqual(ENTRY_COMMAND);
    expect(entry.ports).toEqual([COMPOSE_PUBLISHED_ENTRY]);
    expect(entry.environment?.PORT).toBe(String(ENTRY_PORT));
    const published = Object.entries(compose.services).filter(([, service]) => service.ports).map(([name]) => name);
    expect(published.sort()).toEqual(['entry', 'mailpit']);
    expect(Object.keys(entry.depends_on ?? {}).sort()).toEqual([...SERVICE_NAMES].sort());
    expect(entry.healthcheck?.test).toEqual(['CMD', 'node', 'scripts/healthcheck.mjs', '/health/ready']);
  });

  it('points the entry point at each service by its compose name and API.md port, with only settings it reads', () => {
    const entry = compose.services.entry;
    expect(unknownSettings(ENTRY_POINT_SETTINGS, Object.keys(entry.environment ?? {}))).toEqual([]);
    const settings = loadEntryPointSettings(entry.environment ?? {}, '/app');
    for (const service of SERVICE_NAMES) expect(settings.upstreams[service]).toBe(`http://${service}:${SERVICE_PORTS[service]}`);
    expect(Object.keys(entry.environment ?? {})).toEqual(expect.arrayContaining(SERVICE_NAMES.map(upstreamSetting)));
    expect(settings.port).toBe(ENTRY_PORT);
  });

  it('keeps PostgreSQL on a volume (the services create their own databases in it)', () => {
    const postgres = compose.services.postgres;
    expect(postgres.image).toMatch(/^postgres:1[6-9]/);
    expect(postgres.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    expect(postgres.environment?.POSTGRES_PASSWORD).toBe(env.POSTGRES_PASSWORD);
    expect(Object.keys(compose.volumes)).toContain('postgres-data');
  });

  it('runs Redis 7 with AOF fsynced every second on a volume, never evicting stream entries', () => {
    const redis = compose.services.redis;
    const command = redis.command ?? [];
    const option = (name: string) => command[command.indexOf(name) + 1];
    expect(redis.image).toMatch(/^redis:7\.\d+/);
    expect(command[0]).toBe('redis-server');
    expect([option('--appendonly'), option('--appendfsync'), option('--dir'), option('--maxmemory-policy')]).toEqual(['yes', 'everysec', '/data', 'noeviction']);
    expect(option('--requirepass')).toBe(env.REDIS_PASSWORD);
    expect(redis.volumes).toEqual(['redis-data:/data']);
    expect(Object.keys(compose.volumes)).toContain('redis-data');
  });

  it('catches the notifier\'s mail in a mail catcher with a web UI on loopback', () => {
    const mailpit = compose.services.mailpit;
    expect(compose.services.notifier.environment?.SMTP_URL).toBe('smtp://mailpit:1025');
    expect(mailpit.image).toMatch(/^axllent\/mailpit:v\d+\.\d+\.\d+$/);
    expect(mailpit.ports).toEqual(['127.0.0.1:8025:8025']);
  });

  it('publishes nothing of PostgreSQL and Redis: only the services reach them', () => {
    expect(compose.services.postgres.ports).toBeUndefined();
    expect(compose.services.redis.ports).toBeUndefined();
  });
});

describe('deploy/compose/dev-infra.yml (PostgreSQL and Redis for services run on the host)', () => {
  const file = path.join(repoRoot(), 'deploy', 'compose', 'dev-infra.yml');
  const infra = parse(readFileSync(file, 'utf8'), { uniqueKeys: true }) as ComposeFile;

  it('validates against the compose specification with no lint findings', () => {
    expect(lint(file)[0].messages).toEqual([]);
  });

  it('matches config/local.env: PostgreSQL and Redis on their default ports, on loopback only', () => {
    expect(Object.keys(infra.services).sort()).toEqual(['postgres', 'redis']);
    expect(infra.services.postgres.ports).toEqual(['127.0.0.1:5432:5432']);
    expect(infra.services.redis.ports).toEqual(['127.0.0.1:6379:6379']);
    const local = readFileSync(path.join(repoRoot(), 'config', 'local.env'), 'utf8');
    expect(local).toMatch(/^PG_URL=postgres:\/\/postgres@127\.0\.0\.1:5432$/m);
    expect(local).toMatch(/^REDIS_URL=redis:\/\/127\.0\.0\.1:6379$/m);
  });

  it('keeps both on volumes, Redis with AOF', () => {
    const command = infra.services.redis.command ?? [];
    expect(command[command.indexOf('--appendonly') + 1]).toBe('yes');
    expect(infra.services.redis.volumes).toEqual(['redis-data:/data']);
    expect(infra.services.postgres.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
  });
});
