/** A missing or invalid setting; the message starts with the setting's name so the process says what to fix. */
export class ConfigError extends Error {
  constructor(readonly setting: string, problem: string) {
    super(`${setting}: ${problem}`);
    this.name = 'ConfigError';
  }
}
