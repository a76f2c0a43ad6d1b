const Sequencer = require('@jest/test-sequencer').default;

/**
 * The e2e files in a shuffled order (each has its own runtime, so no order is needed): every run tries
 * another one. E2E_SEED=<n> repeats a run's order; the seed is printed.
 */
module.exports = class Shuffled extends Sequencer {
  sort(tests) {
    const seed = Number(process.env.E2E_SEED ?? Math.floor(Math.random() * 2 ** 31));
    console.log(`e2e order seed: ${seed} (E2E_SEED=${seed} repeats it)`);
    let state = seed || 1;
    const random = () => {
      // xorshift32: a small, repeatable generator for the order.
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) / 2 ** 32;
    };
    const list = [...tests].sort((a, b) => a.path.localeCompare(b.path));
    for (let i = list.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
    return list;
  }
};
