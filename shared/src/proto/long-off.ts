/**
 * Switches protobufjs to plain numbers for 64-bit integers. Must be evaluated before the
 * generated code, which reads the setting when it loads; proto/protobuf.ts imports it first.
 */
import protobuf from 'protobufjs/minimal.js';

protobuf.util.Long = undefined as unknown as typeof protobuf.util.Long;
protobuf.configure();
