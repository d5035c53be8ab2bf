export { freePort } from '../../src/common/net/free-port.js';
