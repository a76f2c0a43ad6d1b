// power-assert has node's assert API; the SDK's tests use only that.
module.exports = require('node:assert');
