const Sequencer = require('@jest/test-sequencer').default;

/** The e2e files share one running runtime: run them in a fixed order (by name), so each knows what ran before. */
module.exports = class ByName extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => a.path.localeCompare(b.path));
  }
};
