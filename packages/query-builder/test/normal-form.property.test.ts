import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  and,
  condition,
  isQueryBuildError,
  or,
  select,
  type Condition,
  type DisjunctionNode,
} from '@vtiger/query-builder';

/** A boolean expression over atoms `f0 = 1` ... `f5 = 1`. */
type Expression =
  | { kind: 'atom'; index: number }
  | { kind: 'and' | 'or'; left: Expression; right: Expression };

const expression = fc.letrec<{ node: Expression }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      kind: fc.constant('atom' as const),
      index: fc.integer({ min: 0, max: 5 }),
    }),
    fc.record({
      kind: fc.constantFrom('and' as const, 'or' as const),
      left: tie('node'),
      right: tie('node'),
    }),
  ),
})).node;

function build(node: Expression): Condition {
  if (node.kind === 'atom') return condition(`f${node.index}`, '=', 1);
  const left = build(node.left);
  const right = build(node.right);
  return node.kind === 'and' ? and(left, right) : or(left, right);
}

function evaluate(node: Expression, truth: readonly boolean[]): boolean {
  if (node.kind === 'atom') return truth[node.index] ?? false;
  const left = evaluate(node.left, truth);
  const right = evaluate(node.right, truth);
  return node.kind === 'and' ? left && right : left || right;
}

/** Evaluates the normal form as VTQL reads it: OR of AND-terms. */
function evaluateNormalForm(
  node: DisjunctionNode,
  truth: readonly boolean[],
): boolean {
  return node.terms.some((term) =>
    term.terms.every((comparison) => truth[Number(comparison.field.slice(1))]),
  );
}

describe('normal form', () => {
  test('keeps the meaning of any AND/OR tree', () => {
    fc.assert(
      fc.property(
        expression,
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        (tree, truth) => {
          let built: Condition;
          try {
            built = build(tree);
          } catch (error) {
            // Only the documented size bound may stop an expansion.
            expect(isQueryBuildError(error)).toBe(true);
            expect((error as { code?: string }).code).toBe('UNSUPPORTED');
            return;
          }
          expect(evaluateNormalForm(built.node, truth)).toBe(
            evaluate(tree, truth),
          );
          const text = select('id').from('Leads').where(built).toVTQL();
          expect(text).toBe(`SELECT id FROM Leads WHERE ${built.toVTQL()};`);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
