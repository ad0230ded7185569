import { startSessionCycle } from './shared/interface/start-session-cycle';

startSessionCycle().catch(() => process.exit(1));
