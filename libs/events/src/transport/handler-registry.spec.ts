import { HandlerRegistry } from './handler-registry';

const noop = async () => undefined;

describe('HandlerRegistry.match', () => {
  it('gives a type its own handlers then the wildcard ones, each name once', () => {
    const registry = new HandlerRegistry();
    registry.add('session.renamed', noop, { handler: 'a' });
    registry.add('*', noop, { handler: 'a' });
    registry.add('*', noop, { handler: 'b' });

    expect(registry.match('session.renamed').map((handler) => handler.name)).toEqual(['a', 'b']);
    expect(registry.match('cycle.created').map((handler) => handler.name)).toEqual(['a', 'b']);
  });

  it('answers a type from what it found before, and finds again once a handler is added', () => {
    const registry = new HandlerRegistry();
    registry.add('session.renamed', noop, { handler: 'a' });
    const first = registry.match('session.renamed');

    expect(registry.match('session.renamed')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    registry.add('session.renamed', noop, { handler: 'c' });
    expect(registry.match('session.renamed').map((handler) => handler.name)).toEqual(['a', 'c']);
    expect(first.map((handler) => handler.name)).toEqual(['a']);
  });
});
