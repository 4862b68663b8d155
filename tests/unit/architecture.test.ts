import t from 'tap';
// @ts-expect-error: a plain .mjs script without types
import { lint } from '../../scripts/lint.mjs';

t.test('the directions of dependency hold (docs/architecture.md)', async (t) => {
  t.same(lint(), []);
});
