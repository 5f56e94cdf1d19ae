/**
 * The generated atc.v1 code, with the runtime configured for it.
 *
 * Every 64-bit field of this protocol (sequence numbers, leaf indexes, seconds) stays far
 * below 2^53, so they decode to plain numbers, not `Long`. Import the generated code only
 * through this module so that the setting is applied before it loads.
 */
import './long-off.js';

export { atc, google } from '../../generated/atc.js';
export { default as descriptorRoot } from '../../generated/atc-descriptor.js';
