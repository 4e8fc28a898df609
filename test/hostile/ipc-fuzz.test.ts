// Every request handler of the service fed random values and near-miss objects (the right keys,
// wrong values; strays added): each is refused with a validation error, and after each handler's
// batch the service still answers a valid call.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { requestNames, requests } from '../../electron/common/ipc/contract';
import { startHarness, type Harness } from '../app/support/service-harness';
import { recordFigure } from './support/figures';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

const anything = fc.anything({
  withObjectString: true,
  withNullPrototype: true,
  withBigInt: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
});

/** The top-level keys a handler's schema names (strict objects), so near misses use them. */
function keysOf(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

const tally = { handlers: 0, random: 0, nearMiss: 0, refused: 0, validAfter: 0 };

describe('IPC fuzz: every request handler', () => {
  it.each([...requestNames])(
    '%s refuses random and near-miss arguments, then the service answers getSession',
    async (name) => {
      const schema = requests[name].args as z.ZodType;
      const keys = keysOf(schema);
      const nearMiss = fc.dictionary(
        fc.constantFrom(...keys, 'extra', '__proto__', 'constructor'),
        anything,
        { minKeys: 1, maxKeys: keys.length + 2 },
      );
      const refuse = async (args: unknown, kind: 'random' | 'nearMiss'): Promise<void> => {
        const answer = await harness.service.call(name, args);
        expect(answer.ok, JSON.stringify(answer).slice(0, 300)).toBe(false);
        if (!answer.ok) {
          expect(answer.error.code).toBe('validation');
          expect(answer.error.issues.length).toBeGreaterThan(0);
        }
        tally[kind]++;
        tally.refused++;
      };
      await fc.assert(
        fc.asyncProperty(anything, async (args) => {
          // A random value that happens to be valid would really run (spawn the helper, open a file).
          fc.pre(!schema.safeParse(args).success);
          await refuse(args, 'random');
        }),
        { numRuns: 150, seed: 6 },
      );
      if (keys.length > 0)
        await fc.assert(
          fc.asyncProperty(nearMiss, async (args) => {
            fc.pre(!schema.safeParse(args).success);
            await refuse(args, 'nearMiss');
          }),
          { numRuns: 150, seed: 7 },
        );
      expect(await harness.service.call('getSession', {})).toEqual({ ok: true, value: null });
      tally.validAfter++;
      tally.handlers++;
    },
  );

  it('records the figures', () => {
    expect(tally.handlers).toBe(requestNames.length);
    recordFigure('ipc-fuzz', {
      order: 4,
      item: `Every service request handler (${requestNames.length}, electron/common/ipc/contract.ts) fed random and wrong arguments`,
      tried: `fast-check: ${tally.random} random values (objects, null prototypes, bigints, dates, typed and sparse arrays) and ${tally.nearMiss} near misses (the schema's own keys with random values, stray and \`__proto__\` keys)`,
      inputs: tally.refused,
      held: `all ${tally.refused} refused with error code "validation" and at least one issue; after each handler's batch a valid getSession still answered (${tally.validAfter}/${tally.handlers})`,
      command: 'npx vitest run test/hostile/ipc-fuzz.test.ts',
    });
  });
});
