/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $String = $util.global.String, $Array = $util.global.Array, $Number = $util.global.Number, $parseInt = $util.global.parseInt, $BigInt = $util.global.BigInt, $Boolean = $util.global.Boolean;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const atc = $root.atc = (() => {

    /**
     * Namespace atc.
     * @exports atc
     * @namespace
     */
    const atc = {};

    atc.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof atc
         * @namespace
         */
        const v1 = {};

        v1.DeliveryAck = (function() {

            /**
             * Properties of a DeliveryAck.
             * @typedef {Object} atc.v1.DeliveryAck.$Properties
             * @property {Uint8Array|null} [nonce] DeliveryAck nonce
             * @property {string|null} [messageId] DeliveryAck messageId
             * @property {google.protobuf.Timestamp.$Properties|null} [deliveredAt] DeliveryAck deliveredAt
             * @property {atc.v1.DeliveryChannel|null} [channel] DeliveryAck channel
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DeliveryAck.
             * @memberof atc.v1
             * @interface IDeliveryAck
             * @augments atc.v1.DeliveryAck.$Properties
             * @deprecated Use atc.v1.DeliveryAck.$Properties instead.
             */

            /**
             * Shape of a DeliveryAck.
             * @typedef {atc.v1.DeliveryAck.$Properties} atc.v1.DeliveryAck.$Shape
             */

            /**
             * Constructs a new DeliveryAck.
             * @memberof atc.v1
             * @classdesc Represents a DeliveryAck.
             * @constructor
             * @param {atc.v1.DeliveryAck.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DeliveryAck = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * DeliveryAck nonce.
             * @member {Uint8Array} nonce
             * @memberof atc.v1.DeliveryAck
             * @instance
             */
            DeliveryAck.prototype.nonce = $util.newBuffer([]);

            /**
             * DeliveryAck messageId.
             * @member {string} messageId
             * @memberof atc.v1.DeliveryAck
             * @instance
             */
            DeliveryAck.prototype.messageId = "";

            /**
             * DeliveryAck deliveredAt.
             * @member {google.protobuf.Timestamp.$Properties|null|undefined} deliveredAt
             * @memberof atc.v1.DeliveryAck
             * @instance
             */
            DeliveryAck.prototype.deliveredAt = null;

            /**
             * DeliveryAck channel.
             * @member {atc.v1.DeliveryChannel} channel
             * @memberof atc.v1.DeliveryAck
             * @instance
             */
            DeliveryAck.prototype.channel = 0;

            /**
             * Creates a new DeliveryAck instance using the specified properties.
             * @function create
             * @memberof atc.v1.DeliveryAck
             * @static
             * @param {atc.v1.DeliveryAck.$Properties=} [properties] Properties to set
             * @returns {atc.v1.DeliveryAck} DeliveryAck instance
             * @type {{
             *   (properties: atc.v1.DeliveryAck.$Shape): atc.v1.DeliveryAck & atc.v1.DeliveryAck.$Shape;
             *   (properties?: atc.v1.DeliveryAck.$Properties): atc.v1.DeliveryAck;
             * }}
             */
            DeliveryAck.create = function(properties) {
                return new DeliveryAck(properties);
            };

            /**
             * Encodes the specified DeliveryAck message. Does not implicitly {@link atc.v1.DeliveryAck.verify|verify} messages.
             * @function encode
             * @memberof atc.v1.DeliveryAck
             * @static
             * @param {atc.v1.DeliveryAck.$Properties} message DeliveryAck message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DeliveryAck.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce") && message.nonce.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.nonce);
                if (message.messageId != null && $Object.hasOwnProperty.call(message, "messageId") && message.messageId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.messageId);
                if (message.deliveredAt != null && $Object.hasOwnProperty.call(message, "deliveredAt"))
                    $root.google.protobuf.Timestamp.encode(message.deliveredAt, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.channel != null && $Object.hasOwnProperty.call(message, "channel") && message.channel !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).int32(message.channel);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified DeliveryAck message, length delimited. Does not implicitly {@link atc.v1.DeliveryAck.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atc.v1.DeliveryAck
             * @static
             * @param {atc.v1.DeliveryAck.$Properties} message DeliveryAck message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DeliveryAck.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a DeliveryAck message from the specified reader or buffer.
             * @function decode
             * @memberof atc.v1.DeliveryAck
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {atc.v1.DeliveryAck & atc.v1.DeliveryAck.$Shape} DeliveryAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DeliveryAck.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.atc.v1.DeliveryAck();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.nonce = value;
                            else
                                delete message.nonce;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.messageId = value;
                            else
                                delete message.messageId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.deliveredAt = $root.google.protobuf.Timestamp.decode(reader, reader.size(), $undefined, _depth + 1, message.deliveredAt);
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.channel = value;
                            else
                                delete message.channel;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a DeliveryAck message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atc.v1.DeliveryAck
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atc.v1.DeliveryAck & atc.v1.DeliveryAck.$Shape} DeliveryAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DeliveryAck.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a DeliveryAck message.
             * @function verify
             * @memberof atc.v1.DeliveryAck
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            DeliveryAck.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    if (!(message.nonce && typeof message.nonce.length === "number" || $util.isString(message.nonce)))
                        return "nonce: buffer expected";
                if (message.messageId != null && $Object.hasOwnProperty.call(message, "messageId"))
                    if (!$util.isString(message.messageId))
                        return "messageId: string expected";
                if (message.deliveredAt != null && $Object.hasOwnProperty.call(message, "deliveredAt")) {
                    let error = $root.google.protobuf.Timestamp.verify(message.deliveredAt, _depth + 1);
                    if (error)
                        return "deliveredAt." + error;
                }
                if (message.channel != null && $Object.hasOwnProperty.call(message, "channel"))
                    if (typeof message.channel !== "number" || (message.channel | 0) !== message.channel)
                        return "channel: enum value expected";
                return null;
            };

            /**
             * Creates a DeliveryAck message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof atc.v1.DeliveryAck
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {atc.v1.DeliveryAck} DeliveryAck
             */
            DeliveryAck.fromObject = function (object, _depth) {
                if (object instanceof $root.atc.v1.DeliveryAck)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".atc.v1.DeliveryAck: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.atc.v1.DeliveryAck();
                if (object.nonce != null)
                    if (object.nonce.length)
                        if (typeof object.nonce === "string")
                            $util.base64.decode(object.nonce, message.nonce = $util.newBuffer($util.base64.length(object.nonce)), 0);
                        else if (object.nonce.length >= 0)
                            message.nonce = object.nonce;
                if (object.messageId != null)
                    if (typeof object.messageId !== "string" || object.messageId.length)
                        message.messageId = $String(object.messageId);
                if (object.deliveredAt != null) {
                    if (!$util.isObject(object.deliveredAt))
                        throw $TypeError(".atc.v1.DeliveryAck.deliveredAt: object expected");
                    message.deliveredAt = $root.google.protobuf.Timestamp.fromObject(object.deliveredAt, _depth + 1);
                }
                if (object.channel !== 0 && (typeof object.channel !== "string" || $root.atc.v1.DeliveryChannel[object.channel] !== 0))
                    switch (object.channel) {
                    case "DELIVERY_CHANNEL_UNSPECIFIED":
                    case 0:
                        message.channel = 0;
                        break;
                    case "DELIVERY_CHANNEL_WEBHOOK":
                    case 1:
                        message.channel = 1;
                        break;
                    case "DELIVERY_CHANNEL_API":
                    case 2:
                        message.channel = 2;
                        break;
                    default:
                        if (typeof object.channel === "number" && (object.channel | 0) === object.channel)
                            message.channel = object.channel;
                    }
                return message;
            };

            /**
             * Creates a plain object from a DeliveryAck message. Also converts values to other types if specified.
             * @function toObject
             * @memberof atc.v1.DeliveryAck
             * @static
             * @param {atc.v1.DeliveryAck} message DeliveryAck
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            DeliveryAck.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    if (options.bytes === $String)
                        object.nonce = "";
                    else {
                        object.nonce = [];
                        if (options.bytes !== $Array)
                            object.nonce = $util.newBuffer(object.nonce);
                    }
                    object.messageId = "";
                    object.deliveredAt = null;
                    object.channel = options.enums === $String ? "DELIVERY_CHANNEL_UNSPECIFIED" : 0;
                }
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    object.nonce = options.bytes === $String ? $util.base64.encode(message.nonce, 0, message.nonce.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.nonce) : message.nonce;
                if (message.messageId != null && $Object.hasOwnProperty.call(message, "messageId"))
                    object.messageId = message.messageId;
                if (message.deliveredAt != null && $Object.hasOwnProperty.call(message, "deliveredAt"))
                    object.deliveredAt = $root.google.protobuf.Timestamp.toObject(message.deliveredAt, options, _depth + 1);
                if (message.channel != null && $Object.hasOwnProperty.call(message, "channel"))
                    object.channel = options.enums === $String ? $root.atc.v1.DeliveryChannel[message.channel] === $undefined ? message.channel : $root.atc.v1.DeliveryChannel[message.channel] : message.channel;
                return object;
            };

            /**
             * Converts this DeliveryAck to JSON.
             * @function toJSON
             * @memberof atc.v1.DeliveryAck
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            DeliveryAck.prototype.toJSON = function() {
                return DeliveryAck.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for DeliveryAck
             * @function getTypeUrl
             * @memberof atc.v1.DeliveryAck
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DeliveryAck.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atc.v1.DeliveryAck";
            };

            return DeliveryAck;
        })();

        v1.PurgeAck = (function() {

            /**
             * Properties of a PurgeAck.
             * @typedef {Object} atc.v1.PurgeAck.$Properties
             * @property {Uint8Array|null} [nonce] PurgeAck nonce
             * @property {string|null} [withdrawalMessageId] PurgeAck withdrawalMessageId
             * @property {string|null} [originator] PurgeAck originator
             * @property {string|null} [recordId] PurgeAck recordId
             * @property {Array.<number>|null} [versions] PurgeAck versions
             * @property {google.protobuf.Timestamp.$Properties|null} [erasedAt] PurgeAck erasedAt
             * @property {number|null} [count] PurgeAck count
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PurgeAck.
             * @memberof atc.v1
             * @interface IPurgeAck
             * @augments atc.v1.PurgeAck.$Properties
             * @deprecated Use atc.v1.PurgeAck.$Properties instead.
             */

            /**
             * Shape of a PurgeAck.
             * @typedef {atc.v1.PurgeAck.$Properties} atc.v1.PurgeAck.$Shape
             */

            /**
             * Constructs a new PurgeAck.
             * @memberof atc.v1
             * @classdesc Represents a PurgeAck.
             * @constructor
             * @param {atc.v1.PurgeAck.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PurgeAck = function (properties) {
                this.versions = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * PurgeAck nonce.
             * @member {Uint8Array} nonce
             * @memberof atc.v1.PurgeAck
             * @instance
             */
            PurgeAck.prototype.nonce = $util.newBuffer([]);

            /**
             * PurgeAck withdrawalMessageId.
             * @member {string} withdrawalMessageId
             * @memberof atc.v1.PurgeAck
             * @instance
             */
            PurgeAck.prototype.withdrawalMessageId = "";

            /**
             * PurgeAck originator.
             * @member {string} originator
             * @memberof atc.v1.PurgeAck
             * @instance
             */
            PurgeAck.prototype.originator = "";

            /**
             * PurgeAck recordId.
             * @member {string} recordId
             * @memberof atc.v1.PurgeAck
             * @instance
             */
            PurgeAck.prototype.recordId = "";

            /**
             * PurgeAck versions.
             * @member {Array.<number>} versions
             * @memberof atc.v1.PurgeAck
             * @instance
             */
            PurgeAck.prototype.versions = $util.emptyArray;

            /**
             * PurgeAck erasedAt.
             * @member {google.protobuf.Timestamp.$Properties|null|undefined} erasedAt
             * @memberof atc.v1.PurgeAck
             * @instance
             */
            PurgeAck.prototype.erasedAt = null;

            /**
             * PurgeAck count.
             * @member {number} count
             * @memberof atc.v1.PurgeAck
             * @instance
             */
            PurgeAck.prototype.count = 0;

            /**
             * Creates a new PurgeAck instance using the specified properties.
             * @function create
             * @memberof atc.v1.PurgeAck
             * @static
             * @param {atc.v1.PurgeAck.$Properties=} [properties] Properties to set
             * @returns {atc.v1.PurgeAck} PurgeAck instance
             * @type {{
             *   (properties: atc.v1.PurgeAck.$Shape): atc.v1.PurgeAck & atc.v1.PurgeAck.$Shape;
             *   (properties?: atc.v1.PurgeAck.$Properties): atc.v1.PurgeAck;
             * }}
             */
            PurgeAck.create = function(properties) {
                return new PurgeAck(properties);
            };

            /**
             * Encodes the specified PurgeAck message. Does not implicitly {@link atc.v1.PurgeAck.verify|verify} messages.
             * @function encode
             * @memberof atc.v1.PurgeAck
             * @static
             * @param {atc.v1.PurgeAck.$Properties} message PurgeAck message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PurgeAck.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce") && message.nonce.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.nonce);
                if (message.withdrawalMessageId != null && $Object.hasOwnProperty.call(message, "withdrawalMessageId") && message.withdrawalMessageId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.withdrawalMessageId);
                if (message.originator != null && $Object.hasOwnProperty.call(message, "originator") && message.originator !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.originator);
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId") && message.recordId !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.recordId);
                if (message.versions != null && message.versions.length)
                    writer.uint32(/* id 5, wireType 2 =*/42).uint32s(message.versions);
                if (message.erasedAt != null && $Object.hasOwnProperty.call(message, "erasedAt"))
                    $root.google.protobuf.Timestamp.encode(message.erasedAt, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.count != null && $Object.hasOwnProperty.call(message, "count") && message.count !== 0)
                    writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.count);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified PurgeAck message, length delimited. Does not implicitly {@link atc.v1.PurgeAck.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atc.v1.PurgeAck
             * @static
             * @param {atc.v1.PurgeAck.$Properties} message PurgeAck message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PurgeAck.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a PurgeAck message from the specified reader or buffer.
             * @function decode
             * @memberof atc.v1.PurgeAck
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {atc.v1.PurgeAck & atc.v1.PurgeAck.$Shape} PurgeAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PurgeAck.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.atc.v1.PurgeAck();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.nonce = value;
                            else
                                delete message.nonce;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.withdrawalMessageId = value;
                            else
                                delete message.withdrawalMessageId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.originator = value;
                            else
                                delete message.originator;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.recordId = value;
                            else
                                delete message.recordId;
                            continue;
                        }
                    case 5: {
                            if (wireType === 2) {
                                if (!(message.versions && message.versions.length))
                                    message.versions = [];
                                reader.uint32s(message.versions);
                                continue;
                            }
                            if (wireType !== 0)
                                break;
                            if (!(message.versions && message.versions.length))
                                message.versions = [];
                            message.versions.push(reader.uint32());
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            message.erasedAt = $root.google.protobuf.Timestamp.decode(reader, reader.size(), $undefined, _depth + 1, message.erasedAt);
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.count = value;
                            else
                                delete message.count;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a PurgeAck message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atc.v1.PurgeAck
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atc.v1.PurgeAck & atc.v1.PurgeAck.$Shape} PurgeAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PurgeAck.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a PurgeAck message.
             * @function verify
             * @memberof atc.v1.PurgeAck
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            PurgeAck.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    if (!(message.nonce && typeof message.nonce.length === "number" || $util.isString(message.nonce)))
                        return "nonce: buffer expected";
                if (message.withdrawalMessageId != null && $Object.hasOwnProperty.call(message, "withdrawalMessageId"))
                    if (!$util.isString(message.withdrawalMessageId))
                        return "withdrawalMessageId: string expected";
                if (message.originator != null && $Object.hasOwnProperty.call(message, "originator"))
                    if (!$util.isString(message.originator))
                        return "originator: string expected";
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId"))
                    if (!$util.isString(message.recordId))
                        return "recordId: string expected";
                if (message.versions != null && $Object.hasOwnProperty.call(message, "versions")) {
                    if (!$Array.isArray(message.versions))
                        return "versions: array expected";
                    for (let i = 0; i < message.versions.length; ++i)
                        if (!$util.isInteger(message.versions[i]))
                            return "versions: integer[] expected";
                }
                if (message.erasedAt != null && $Object.hasOwnProperty.call(message, "erasedAt")) {
                    let error = $root.google.protobuf.Timestamp.verify(message.erasedAt, _depth + 1);
                    if (error)
                        return "erasedAt." + error;
                }
                if (message.count != null && $Object.hasOwnProperty.call(message, "count"))
                    if (!$util.isInteger(message.count))
                        return "count: integer expected";
                return null;
            };

            /**
             * Creates a PurgeAck message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof atc.v1.PurgeAck
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {atc.v1.PurgeAck} PurgeAck
             */
            PurgeAck.fromObject = function (object, _depth) {
                if (object instanceof $root.atc.v1.PurgeAck)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".atc.v1.PurgeAck: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.atc.v1.PurgeAck();
                if (object.nonce != null)
                    if (object.nonce.length)
                        if (typeof object.nonce === "string")
                            $util.base64.decode(object.nonce, message.nonce = $util.newBuffer($util.base64.length(object.nonce)), 0);
                        else if (object.nonce.length >= 0)
                            message.nonce = object.nonce;
                if (object.withdrawalMessageId != null)
                    if (typeof object.withdrawalMessageId !== "string" || object.withdrawalMessageId.length)
                        message.withdrawalMessageId = $String(object.withdrawalMessageId);
                if (object.originator != null)
                    if (typeof object.originator !== "string" || object.originator.length)
                        message.originator = $String(object.originator);
                if (object.recordId != null)
                    if (typeof object.recordId !== "string" || object.recordId.length)
                        message.recordId = $String(object.recordId);
                if (object.versions) {
                    if (!$Array.isArray(object.versions))
                        throw $TypeError(".atc.v1.PurgeAck.versions: array expected");
                    message.versions = $Array(object.versions.length);
                    for (let i = 0; i < object.versions.length; ++i)
                        message.versions[i] = object.versions[i] >>> 0;
                }
                if (object.erasedAt != null) {
                    if (!$util.isObject(object.erasedAt))
                        throw $TypeError(".atc.v1.PurgeAck.erasedAt: object expected");
                    message.erasedAt = $root.google.protobuf.Timestamp.fromObject(object.erasedAt, _depth + 1);
                }
                if (object.count != null)
                    if ($Number(object.count) !== 0)
                        message.count = object.count >>> 0;
                return message;
            };

            /**
             * Creates a plain object from a PurgeAck message. Also converts values to other types if specified.
             * @function toObject
             * @memberof atc.v1.PurgeAck
             * @static
             * @param {atc.v1.PurgeAck} message PurgeAck
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            PurgeAck.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.versions = [];
                if (options.defaults) {
                    if (options.bytes === $String)
                        object.nonce = "";
                    else {
                        object.nonce = [];
                        if (options.bytes !== $Array)
                            object.nonce = $util.newBuffer(object.nonce);
                    }
                    object.withdrawalMessageId = "";
                    object.originator = "";
                    object.recordId = "";
                    object.erasedAt = null;
                    object.count = 0;
                }
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    object.nonce = options.bytes === $String ? $util.base64.encode(message.nonce, 0, message.nonce.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.nonce) : message.nonce;
                if (message.withdrawalMessageId != null && $Object.hasOwnProperty.call(message, "withdrawalMessageId"))
                    object.withdrawalMessageId = message.withdrawalMessageId;
                if (message.originator != null && $Object.hasOwnProperty.call(message, "originator"))
                    object.originator = message.originator;
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId"))
                    object.recordId = message.recordId;
                if (message.versions && message.versions.length) {
                    object.versions = $Array(message.versions.length);
                    for (let j = 0; j < message.versions.length; ++j)
                        object.versions[j] = message.versions[j];
                }
                if (message.erasedAt != null && $Object.hasOwnProperty.call(message, "erasedAt"))
                    object.erasedAt = $root.google.protobuf.Timestamp.toObject(message.erasedAt, options, _depth + 1);
                if (message.count != null && $Object.hasOwnProperty.call(message, "count"))
                    object.count = message.count;
                return object;
            };

            /**
             * Converts this PurgeAck to JSON.
             * @function toJSON
             * @memberof atc.v1.PurgeAck
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            PurgeAck.prototype.toJSON = function() {
                return PurgeAck.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for PurgeAck
             * @function getTypeUrl
             * @memberof atc.v1.PurgeAck
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            PurgeAck.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atc.v1.PurgeAck";
            };

            return PurgeAck;
        })();

        /**
         * DeliveryChannel enum.
         * @name atc.v1.DeliveryChannel
         * @enum {number}
         * @property {number} DELIVERY_CHANNEL_UNSPECIFIED=0 DELIVERY_CHANNEL_UNSPECIFIED value
         * @property {number} DELIVERY_CHANNEL_WEBHOOK=1 DELIVERY_CHANNEL_WEBHOOK value
         * @property {number} DELIVERY_CHANNEL_API=2 DELIVERY_CHANNEL_API value
         */
        v1.DeliveryChannel = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "DELIVERY_CHANNEL_UNSPECIFIED"] = 0;
            values[valuesById[1] = "DELIVERY_CHANNEL_WEBHOOK"] = 1;
            values[valuesById[2] = "DELIVERY_CHANNEL_API"] = 2;
            return values;
        })();

        /**
         * ReceiptStatus enum.
         * @name atc.v1.ReceiptStatus
         * @enum {number}
         * @property {number} RECEIPT_STATUS_UNSPECIFIED=0 RECEIPT_STATUS_UNSPECIFIED value
         * @property {number} RECEIPT_STATUS_ACCEPTED=1 RECEIPT_STATUS_ACCEPTED value
         * @property {number} RECEIPT_STATUS_REJECTED=2 RECEIPT_STATUS_REJECTED value
         * @property {number} RECEIPT_STATUS_DELIVERED=3 RECEIPT_STATUS_DELIVERED value
         */
        v1.ReceiptStatus = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "RECEIPT_STATUS_UNSPECIFIED"] = 0;
            values[valuesById[1] = "RECEIPT_STATUS_ACCEPTED"] = 1;
            values[valuesById[2] = "RECEIPT_STATUS_REJECTED"] = 2;
            values[valuesById[3] = "RECEIPT_STATUS_DELIVERED"] = 3;
            return values;
        })();

        /**
         * ReasonCode enum.
         * @name atc.v1.ReasonCode
         * @enum {number}
         * @property {number} REASON_CODE_UNSPECIFIED=0 REASON_CODE_UNSPECIFIED value
         * @property {number} REASON_CODE_ENVELOPE_TOO_LARGE=1 REASON_CODE_ENVELOPE_TOO_LARGE value
         * @property {number} REASON_CODE_ENVELOPE_EMPTY=2 REASON_CODE_ENVELOPE_EMPTY value
         * @property {number} REASON_CODE_ENVELOPE_MALFORMED=3 REASON_CODE_ENVELOPE_MALFORMED value
         * @property {number} REASON_CODE_ENVELOPE_NOT_CANONICAL=4 REASON_CODE_ENVELOPE_NOT_CANONICAL value
         * @property {number} REASON_CODE_HEADER_MALFORMED=5 REASON_CODE_HEADER_MALFORMED value
         * @property {number} REASON_CODE_FIELD_DUPLICATED=6 REASON_CODE_FIELD_DUPLICATED value
         * @property {number} REASON_CODE_UTF8_INVALID=7 REASON_CODE_UTF8_INVALID value
         * @property {number} REASON_CODE_HEADER_FIELD_MISSING=8 REASON_CODE_HEADER_FIELD_MISSING value
         * @property {number} REASON_CODE_HEADER_FIELD_INVALID=9 REASON_CODE_HEADER_FIELD_INVALID value
         * @property {number} REASON_CODE_PROTOCOL_UNSUPPORTED=10 REASON_CODE_PROTOCOL_UNSUPPORTED value
         * @property {number} REASON_CODE_MESSAGE_ID_INVALID=11 REASON_CODE_MESSAGE_ID_INVALID value
         * @property {number} REASON_CODE_MEMBER_ID_INVALID=12 REASON_CODE_MEMBER_ID_INVALID value
         * @property {number} REASON_CODE_PAYLOAD_TYPE_UNKNOWN=13 REASON_CODE_PAYLOAD_TYPE_UNKNOWN value
         * @property {number} REASON_CODE_SIGNATURE_MALFORMED=14 REASON_CODE_SIGNATURE_MALFORMED value
         * @property {number} REASON_CODE_SIGNATURE_NOT_DETACHED=15 REASON_CODE_SIGNATURE_NOT_DETACHED value
         * @property {number} REASON_CODE_SIGNATURE_ALGORITHM_NOT_ALLOWED=16 REASON_CODE_SIGNATURE_ALGORITHM_NOT_ALLOWED value
         * @property {number} REASON_CODE_SENDER_MISMATCH=17 REASON_CODE_SENDER_MISMATCH value
         * @property {number} REASON_CODE_KEY_OWNER_MISMATCH=18 REASON_CODE_KEY_OWNER_MISMATCH value
         * @property {number} REASON_CODE_KEY_UNKNOWN=19 REASON_CODE_KEY_UNKNOWN value
         * @property {number} REASON_CODE_KEY_REVOKED=20 REASON_CODE_KEY_REVOKED value
         * @property {number} REASON_CODE_KEY_NOT_VALID_AT_TIME=21 REASON_CODE_KEY_NOT_VALID_AT_TIME value
         * @property {number} REASON_CODE_SIGNATURE_INVALID=22 REASON_CODE_SIGNATURE_INVALID value
         * @property {number} REASON_CODE_PAYLOAD_DIGEST_MISMATCH=23 REASON_CODE_PAYLOAD_DIGEST_MISMATCH value
         * @property {number} REASON_CODE_PAYLOAD_MALFORMED=24 REASON_CODE_PAYLOAD_MALFORMED value
         * @property {number} REASON_CODE_MESSAGE_ID_REUSED=25 REASON_CODE_MESSAGE_ID_REUSED value
         * @property {number} REASON_CODE_TIMESTAMP_IN_FUTURE=26 REASON_CODE_TIMESTAMP_IN_FUTURE value
         * @property {number} REASON_CODE_TIMESTAMP_TOO_OLD=27 REASON_CODE_TIMESTAMP_TOO_OLD value
         * @property {number} REASON_CODE_SENDER_UNKNOWN=28 REASON_CODE_SENDER_UNKNOWN value
         * @property {number} REASON_CODE_SENDER_SUSPENDED=29 REASON_CODE_SENDER_SUSPENDED value
         * @property {number} REASON_CODE_RECIPIENT_UNKNOWN=30 REASON_CODE_RECIPIENT_UNKNOWN value
         * @property {number} REASON_CODE_RECIPIENT_SUSPENDED=31 REASON_CODE_RECIPIENT_SUSPENDED value
         * @property {number} REASON_CODE_BROADCAST_RED_FORBIDDEN=32 REASON_CODE_BROADCAST_RED_FORBIDDEN value
         * @property {number} REASON_CODE_POLICY_DENIED=33 REASON_CODE_POLICY_DENIED value
         * @property {number} REASON_CODE_PAYLOAD_TYPE_NOT_ALLOWED=34 REASON_CODE_PAYLOAD_TYPE_NOT_ALLOWED value
         * @property {number} REASON_CODE_REFERENCE_UNKNOWN=35 REASON_CODE_REFERENCE_UNKNOWN value
         * @property {number} REASON_CODE_NOT_ORIGINATOR=36 REASON_CODE_NOT_ORIGINATOR value
         * @property {number} REASON_CODE_REFERENCE_MISMATCH=37 REASON_CODE_REFERENCE_MISMATCH value
         * @property {number} REASON_CODE_QUERY_TOO_BROAD=38 REASON_CODE_QUERY_TOO_BROAD value
         * @property {number} REASON_CODE_QUERY_LIMIT_INVALID=39 REASON_CODE_QUERY_LIMIT_INVALID value
         * @property {number} REASON_CODE_QUERY_NAME_UNREADABLE=40 REASON_CODE_QUERY_NAME_UNREADABLE value
         */
        v1.ReasonCode = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "REASON_CODE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "REASON_CODE_ENVELOPE_TOO_LARGE"] = 1;
            values[valuesById[2] = "REASON_CODE_ENVELOPE_EMPTY"] = 2;
            values[valuesById[3] = "REASON_CODE_ENVELOPE_MALFORMED"] = 3;
            values[valuesById[4] = "REASON_CODE_ENVELOPE_NOT_CANONICAL"] = 4;
            values[valuesById[5] = "REASON_CODE_HEADER_MALFORMED"] = 5;
            values[valuesById[6] = "REASON_CODE_FIELD_DUPLICATED"] = 6;
            values[valuesById[7] = "REASON_CODE_UTF8_INVALID"] = 7;
            values[valuesById[8] = "REASON_CODE_HEADER_FIELD_MISSING"] = 8;
            values[valuesById[9] = "REASON_CODE_HEADER_FIELD_INVALID"] = 9;
            values[valuesById[10] = "REASON_CODE_PROTOCOL_UNSUPPORTED"] = 10;
            values[valuesById[11] = "REASON_CODE_MESSAGE_ID_INVALID"] = 11;
            values[valuesById[12] = "REASON_CODE_MEMBER_ID_INVALID"] = 12;
            values[valuesById[13] = "REASON_CODE_PAYLOAD_TYPE_UNKNOWN"] = 13;
            values[valuesById[14] = "REASON_CODE_SIGNATURE_MALFORMED"] = 14;
            values[valuesById[15] = "REASON_CODE_SIGNATURE_NOT_DETACHED"] = 15;
            values[valuesById[16] = "REASON_CODE_SIGNATURE_ALGORITHM_NOT_ALLOWED"] = 16;
            values[valuesById[17] = "REASON_CODE_SENDER_MISMATCH"] = 17;
            values[valuesById[18] = "REASON_CODE_KEY_OWNER_MISMATCH"] = 18;
            values[valuesById[19] = "REASON_CODE_KEY_UNKNOWN"] = 19;
            values[valuesById[20] = "REASON_CODE_KEY_REVOKED"] = 20;
            values[valuesById[21] = "REASON_CODE_KEY_NOT_VALID_AT_TIME"] = 21;
            values[valuesById[22] = "REASON_CODE_SIGNATURE_INVALID"] = 22;
            values[valuesById[23] = "REASON_CODE_PAYLOAD_DIGEST_MISMATCH"] = 23;
            values[valuesById[24] = "REASON_CODE_PAYLOAD_MALFORMED"] = 24;
            values[valuesById[25] = "REASON_CODE_MESSAGE_ID_REUSED"] = 25;
            values[valuesById[26] = "REASON_CODE_TIMESTAMP_IN_FUTURE"] = 26;
            values[valuesById[27] = "REASON_CODE_TIMESTAMP_TOO_OLD"] = 27;
            values[valuesById[28] = "REASON_CODE_SENDER_UNKNOWN"] = 28;
            values[valuesById[29] = "REASON_CODE_SENDER_SUSPENDED"] = 29;
            values[valuesById[30] = "REASON_CODE_RECIPIENT_UNKNOWN"] = 30;
            values[valuesById[31] = "REASON_CODE_RECIPIENT_SUSPENDED"] = 31;
            values[valuesById[32] = "REASON_CODE_BROADCAST_RED_FORBIDDEN"] = 32;
            values[valuesById[33] = "REASON_CODE_POLICY_DENIED"] = 33;
            values[valuesById[34] = "REASON_CODE_PAYLOAD_TYPE_NOT_ALLOWED"] = 34;
            values[valuesById[35] = "REASON_CODE_REFERENCE_UNKNOWN"] = 35;
            values[valuesById[36] = "REASON_CODE_NOT_ORIGINATOR"] = 36;
            values[valuesById[37] = "REASON_CODE_REFERENCE_MISMATCH"] = 37;
            values[valuesById[38] = "REASON_CODE_QUERY_TOO_BROAD"] = 38;
            values[valuesById[39] = "REASON_CODE_QUERY_LIMIT_INVALID"] = 39;
            values[valuesById[40] = "REASON_CODE_QUERY_NAME_UNREADABLE"] = 40;
            return values;
        })();

        v1.Receipt = (function() {

            /**
             * Properties of a Receipt.
             * @typedef {Object} atc.v1.Receipt.$Properties
             * @property {Uint8Array|null} [nonce] Receipt nonce
             * @property {string|null} [messageId] Receipt messageId
             * @property {atc.v1.ReceiptStatus|null} [status] Receipt status
             * @property {atc.v1.ReasonCode|null} [reason] Receipt reason
             * @property {string|null} [detail] Receipt detail
             * @property {Array.<string>|null} [recipients] Receipt recipients
             * @property {string|null} [recipient] Receipt recipient
             * @property {Uint8Array|null} [envelopeSha256] Receipt envelopeSha256
             * @property {google.protobuf.Timestamp.$Properties|null} [at] Receipt at
             * @property {number|null} [leafIndex] Receipt leafIndex
             * @property {string|null} [checkpoint] Receipt checkpoint
             * @property {Array.<Uint8Array>|null} [inclusionProof] Receipt inclusionProof
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Receipt.
             * @memberof atc.v1
             * @interface IReceipt
             * @augments atc.v1.Receipt.$Properties
             * @deprecated Use atc.v1.Receipt.$Properties instead.
             */

            /**
             * Shape of a Receipt.
             * @typedef {atc.v1.Receipt.$Properties} atc.v1.Receipt.$Shape
             */

            /**
             * Constructs a new Receipt.
             * @memberof atc.v1
             * @classdesc Represents a Receipt.
             * @constructor
             * @param {atc.v1.Receipt.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Receipt = function (properties) {
                this.recipients = [];
                this.inclusionProof = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Receipt nonce.
             * @member {Uint8Array} nonce
             * @memberof atc.v1.Receipt
             * @instance
             */
            Receipt.prototype.nonce = $util.newBuffer([]);

            /**
             * Receipt messageId.
             * @member {string} messageId
             * @memberof atc.v1.Receipt
             * @instance
             */
            Receipt.prototype.messageId = "";

            /**
             * Receipt status.
             * @member {atc.v1.ReceiptStatus} status
             * @memberof atc.v1.Receipt
             * @instance
             */
            Receipt.prototype.status = 0;

            /**
             * Receipt reason.
             * @member {atc.v1.ReasonCode} reason
             * @memberof atc.v1.Receipt
             * @instance
             */
            Receipt.prototype.reason = 0;

            /**
             * Receipt detail.
             * @member {string} detail
             * @memberof atc.v1.Receipt
             * @instance
             */
            Receipt.prototype.detail = "";

            /**
             * Receipt recipients.
             * @member {Array.<string>} recipients
             * @memberof atc.v1.Receipt
             * @instance
             */
            Receipt.prototype.recipients = $util.emptyArray;

            /**
             * Receipt recipient.
             * @member {string} recipient
             * @memberof atc.v1.Receipt
             * @instance
             */
            Receipt.prototype.recipient = "";

            /**
             * Receipt envelopeSha256.
             * @member {Uint8Array} envelopeSha256
             * @memberof atc.v1.Receipt
             * @instance
             */
            Receipt.prototype.envelopeSha256 = $util.newBuffer([]);

            /**
             * Receipt at.
             * @member {google.protobuf.Timestamp.$Properties|null|undefined} at
             * @memberof atc.v1.Receipt
             * @instance
             */
            Receipt.prototype.at = null;

            /**
             * Receipt leafIndex.
             * @member {number} leafIndex
             * @memberof atc.v1.Receipt
             * @instance
             */
            Receipt.prototype.leafIndex = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Receipt checkpoint.
             * @member {string} checkpoint
             * @memberof atc.v1.Receipt
             * @instance
             */
            Receipt.prototype.checkpoint = "";

            /**
             * Receipt inclusionProof.
             * @member {Array.<Uint8Array>} inclusionProof
             * @memberof atc.v1.Receipt
             * @instance
             */
            Receipt.prototype.inclusionProof = $util.emptyArray;

            /**
             * Creates a new Receipt instance using the specified properties.
             * @function create
             * @memberof atc.v1.Receipt
             * @static
             * @param {atc.v1.Receipt.$Properties=} [properties] Properties to set
             * @returns {atc.v1.Receipt} Receipt instance
             * @type {{
             *   (properties: atc.v1.Receipt.$Shape): atc.v1.Receipt & atc.v1.Receipt.$Shape;
             *   (properties?: atc.v1.Receipt.$Properties): atc.v1.Receipt;
             * }}
             */
            Receipt.create = function(properties) {
                return new Receipt(properties);
            };

            /**
             * Encodes the specified Receipt message. Does not implicitly {@link atc.v1.Receipt.verify|verify} messages.
             * @function encode
             * @memberof atc.v1.Receipt
             * @static
             * @param {atc.v1.Receipt.$Properties} message Receipt message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Receipt.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce") && message.nonce.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.nonce);
                if (message.messageId != null && $Object.hasOwnProperty.call(message, "messageId") && message.messageId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.messageId);
                if (message.status != null && $Object.hasOwnProperty.call(message, "status") && message.status !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).int32(message.status);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).int32(message.reason);
                if (message.detail != null && $Object.hasOwnProperty.call(message, "detail") && message.detail !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.detail);
                if (message.recipients != null && message.recipients.length)
                    for (let i = 0; i < message.recipients.length; ++i)
                        writer.uint32(/* id 6, wireType 2 =*/50).string(message.recipients[i]);
                if (message.recipient != null && $Object.hasOwnProperty.call(message, "recipient") && message.recipient !== "")
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.recipient);
                if (message.envelopeSha256 != null && $Object.hasOwnProperty.call(message, "envelopeSha256") && message.envelopeSha256.length)
                    writer.uint32(/* id 8, wireType 2 =*/66).bytes(message.envelopeSha256);
                if (message.at != null && $Object.hasOwnProperty.call(message, "at"))
                    $root.google.protobuf.Timestamp.encode(message.at, writer.uint32(/* id 9, wireType 2 =*/74).fork(), _depth + 1).ldelim();
                if (message.leafIndex != null && $Object.hasOwnProperty.call(message, "leafIndex") && (typeof message.leafIndex === "object" ? message.leafIndex.low || message.leafIndex.high : message.leafIndex !== 0))
                    writer.uint32(/* id 10, wireType 0 =*/80).uint64(message.leafIndex);
                if (message.checkpoint != null && $Object.hasOwnProperty.call(message, "checkpoint") && message.checkpoint !== "")
                    writer.uint32(/* id 11, wireType 2 =*/90).string(message.checkpoint);
                if (message.inclusionProof != null && message.inclusionProof.length)
                    for (let i = 0; i < message.inclusionProof.length; ++i)
                        writer.uint32(/* id 12, wireType 2 =*/98).bytes(message.inclusionProof[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Receipt message, length delimited. Does not implicitly {@link atc.v1.Receipt.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atc.v1.Receipt
             * @static
             * @param {atc.v1.Receipt.$Properties} message Receipt message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Receipt.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Receipt message from the specified reader or buffer.
             * @function decode
             * @memberof atc.v1.Receipt
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {atc.v1.Receipt & atc.v1.Receipt.$Shape} Receipt
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Receipt.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.atc.v1.Receipt();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.nonce = value;
                            else
                                delete message.nonce;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.messageId = value;
                            else
                                delete message.messageId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.status = value;
                            else
                                delete message.status;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.detail = value;
                            else
                                delete message.detail;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if (!(message.recipients && message.recipients.length))
                                message.recipients = [];
                            message.recipients.push(reader.stringVerify());
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.recipient = value;
                            else
                                delete message.recipient;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.envelopeSha256 = value;
                            else
                                delete message.envelopeSha256;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 2)
                                break;
                            message.at = $root.google.protobuf.Timestamp.decode(reader, reader.size(), $undefined, _depth + 1, message.at);
                            continue;
                        }
                    case 10: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.leafIndex = value;
                            else
                                delete message.leafIndex;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.checkpoint = value;
                            else
                                delete message.checkpoint;
                            continue;
                        }
                    case 12: {
                            if (wireType !== 2)
                                break;
                            if (!(message.inclusionProof && message.inclusionProof.length))
                                message.inclusionProof = [];
                            message.inclusionProof.push(reader.bytes());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Receipt message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atc.v1.Receipt
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atc.v1.Receipt & atc.v1.Receipt.$Shape} Receipt
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Receipt.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Receipt message.
             * @function verify
             * @memberof atc.v1.Receipt
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Receipt.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    if (!(message.nonce && typeof message.nonce.length === "number" || $util.isString(message.nonce)))
                        return "nonce: buffer expected";
                if (message.messageId != null && $Object.hasOwnProperty.call(message, "messageId"))
                    if (!$util.isString(message.messageId))
                        return "messageId: string expected";
                if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                    if (typeof message.status !== "number" || (message.status | 0) !== message.status)
                        return "status: enum value expected";
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    if (typeof message.reason !== "number" || (message.reason | 0) !== message.reason)
                        return "reason: enum value expected";
                if (message.detail != null && $Object.hasOwnProperty.call(message, "detail"))
                    if (!$util.isString(message.detail))
                        return "detail: string expected";
                if (message.recipients != null && $Object.hasOwnProperty.call(message, "recipients")) {
                    if (!$Array.isArray(message.recipients))
                        return "recipients: array expected";
                    for (let i = 0; i < message.recipients.length; ++i)
                        if (!$util.isString(message.recipients[i]))
                            return "recipients: string[] expected";
                }
                if (message.recipient != null && $Object.hasOwnProperty.call(message, "recipient"))
                    if (!$util.isString(message.recipient))
                        return "recipient: string expected";
                if (message.envelopeSha256 != null && $Object.hasOwnProperty.call(message, "envelopeSha256"))
                    if (!(message.envelopeSha256 && typeof message.envelopeSha256.length === "number" || $util.isString(message.envelopeSha256)))
                        return "envelopeSha256: buffer expected";
                if (message.at != null && $Object.hasOwnProperty.call(message, "at")) {
                    let error = $root.google.protobuf.Timestamp.verify(message.at, _depth + 1);
                    if (error)
                        return "at." + error;
                }
                if (message.leafIndex != null && $Object.hasOwnProperty.call(message, "leafIndex"))
                    if (!$util.isInteger(message.leafIndex) && !(message.leafIndex && $util.isInteger(message.leafIndex.low) && $util.isInteger(message.leafIndex.high)))
                        return "leafIndex: integer|Long expected";
                if (message.checkpoint != null && $Object.hasOwnProperty.call(message, "checkpoint"))
                    if (!$util.isString(message.checkpoint))
                        return "checkpoint: string expected";
                if (message.inclusionProof != null && $Object.hasOwnProperty.call(message, "inclusionProof")) {
                    if (!$Array.isArray(message.inclusionProof))
                        return "inclusionProof: array expected";
                    for (let i = 0; i < message.inclusionProof.length; ++i)
                        if (!(message.inclusionProof[i] && typeof message.inclusionProof[i].length === "number" || $util.isString(message.inclusionProof[i])))
                            return "inclusionProof: buffer[] expected";
                }
                return null;
            };

            /**
             * Creates a Receipt message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof atc.v1.Receipt
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {atc.v1.Receipt} Receipt
             */
            Receipt.fromObject = function (object, _depth) {
                if (object instanceof $root.atc.v1.Receipt)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".atc.v1.Receipt: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.atc.v1.Receipt();
                if (object.nonce != null)
                    if (object.nonce.length)
                        if (typeof object.nonce === "string")
                            $util.base64.decode(object.nonce, message.nonce = $util.newBuffer($util.base64.length(object.nonce)), 0);
                        else if (object.nonce.length >= 0)
                            message.nonce = object.nonce;
                if (object.messageId != null)
                    if (typeof object.messageId !== "string" || object.messageId.length)
                        message.messageId = $String(object.messageId);
                if (object.status !== 0 && (typeof object.status !== "string" || $root.atc.v1.ReceiptStatus[object.status] !== 0))
                    switch (object.status) {
                    case "RECEIPT_STATUS_UNSPECIFIED":
                    case 0:
                        message.status = 0;
                        break;
                    case "RECEIPT_STATUS_ACCEPTED":
                    case 1:
                        message.status = 1;
                        break;
                    case "RECEIPT_STATUS_REJECTED":
                    case 2:
                        message.status = 2;
                        break;
                    case "RECEIPT_STATUS_DELIVERED":
                    case 3:
                        message.status = 3;
                        break;
                    default:
                        if (typeof object.status === "number" && (object.status | 0) === object.status)
                            message.status = object.status;
                    }
                if (object.reason !== 0 && (typeof object.reason !== "string" || $root.atc.v1.ReasonCode[object.reason] !== 0))
                    switch (object.reason) {
                    case "REASON_CODE_UNSPECIFIED":
                    case 0:
                        message.reason = 0;
                        break;
                    case "REASON_CODE_ENVELOPE_TOO_LARGE":
                    case 1:
                        message.reason = 1;
                        break;
                    case "REASON_CODE_ENVELOPE_EMPTY":
                    case 2:
                        message.reason = 2;
                        break;
                    case "REASON_CODE_ENVELOPE_MALFORMED":
                    case 3:
                        message.reason = 3;
                        break;
                    case "REASON_CODE_ENVELOPE_NOT_CANONICAL":
                    case 4:
                        message.reason = 4;
                        break;
                    case "REASON_CODE_HEADER_MALFORMED":
                    case 5:
                        message.reason = 5;
                        break;
                    case "REASON_CODE_FIELD_DUPLICATED":
                    case 6:
                        message.reason = 6;
                        break;
                    case "REASON_CODE_UTF8_INVALID":
                    case 7:
                        message.reason = 7;
                        break;
                    case "REASON_CODE_HEADER_FIELD_MISSING":
                    case 8:
                        message.reason = 8;
                        break;
                    case "REASON_CODE_HEADER_FIELD_INVALID":
                    case 9:
                        message.reason = 9;
                        break;
                    case "REASON_CODE_PROTOCOL_UNSUPPORTED":
                    case 10:
                        message.reason = 10;
                        break;
                    case "REASON_CODE_MESSAGE_ID_INVALID":
                    case 11:
                        message.reason = 11;
                        break;
                    case "REASON_CODE_MEMBER_ID_INVALID":
                    case 12:
                        message.reason = 12;
                        break;
                    case "REASON_CODE_PAYLOAD_TYPE_UNKNOWN":
                    case 13:
                        message.reason = 13;
                        break;
                    case "REASON_CODE_SIGNATURE_MALFORMED":
                    case 14:
                        message.reason = 14;
                        break;
                    case "REASON_CODE_SIGNATURE_NOT_DETACHED":
                    case 15:
                        message.reason = 15;
                        break;
                    case "REASON_CODE_SIGNATURE_ALGORITHM_NOT_ALLOWED":
                    case 16:
                        message.reason = 16;
                        break;
                    case "REASON_CODE_SENDER_MISMATCH":
                    case 17:
                        message.reason = 17;
                        break;
                    case "REASON_CODE_KEY_OWNER_MISMATCH":
                    case 18:
                        message.reason = 18;
                        break;
                    case "REASON_CODE_KEY_UNKNOWN":
                    case 19:
                        message.reason = 19;
                        break;
                    case "REASON_CODE_KEY_REVOKED":
                    case 20:
                        message.reason = 20;
                        break;
                    case "REASON_CODE_KEY_NOT_VALID_AT_TIME":
                    case 21:
                        message.reason = 21;
                        break;
                    case "REASON_CODE_SIGNATURE_INVALID":
                    case 22:
                        message.reason = 22;
                        break;
                    case "REASON_CODE_PAYLOAD_DIGEST_MISMATCH":
                    case 23:
                        message.reason = 23;
                        break;
                    case "REASON_CODE_PAYLOAD_MALFORMED":
                    case 24:
                        message.reason = 24;
                        break;
                    case "REASON_CODE_MESSAGE_ID_REUSED":
                    case 25:
                        message.reason = 25;
                        break;
                    case "REASON_CODE_TIMESTAMP_IN_FUTURE":
                    case 26:
                        message.reason = 26;
                        break;
                    case "REASON_CODE_TIMESTAMP_TOO_OLD":
                    case 27:
                        message.reason = 27;
                        break;
                    case "REASON_CODE_SENDER_UNKNOWN":
                    case 28:
                        message.reason = 28;
                        break;
                    case "REASON_CODE_SENDER_SUSPENDED":
                    case 29:
                        message.reason = 29;
                        break;
                    case "REASON_CODE_RECIPIENT_UNKNOWN":
                    case 30:
                        message.reason = 30;
                        break;
                    case "REASON_CODE_RECIPIENT_SUSPENDED":
                    case 31:
                        message.reason = 31;
                        break;
                    case "REASON_CODE_BROADCAST_RED_FORBIDDEN":
                    case 32:
                        message.reason = 32;
                        break;
                    case "REASON_CODE_POLICY_DENIED":
                    case 33:
                        message.reason = 33;
                        break;
                    case "REASON_CODE_PAYLOAD_TYPE_NOT_ALLOWED":
                    case 34:
                        message.reason = 34;
                        break;
                    case "REASON_CODE_REFERENCE_UNKNOWN":
                    case 35:
                        message.reason = 35;
                        break;
                    case "REASON_CODE_NOT_ORIGINATOR":
                    case 36:
                        message.reason = 36;
                        break;
                    case "REASON_CODE_REFERENCE_MISMATCH":
                    case 37:
                        message.reason = 37;
                        break;
                    case "REASON_CODE_QUERY_TOO_BROAD":
                    case 38:
                        message.reason = 38;
                        break;
                    case "REASON_CODE_QUERY_LIMIT_INVALID":
                    case 39:
                        message.reason = 39;
                        break;
                    case "REASON_CODE_QUERY_NAME_UNREADABLE":
                    case 40:
                        message.reason = 40;
                        break;
                    default:
                        if (typeof object.reason === "number" && (object.reason | 0) === object.reason)
                            message.reason = object.reason;
                    }
                if (object.detail != null)
                    if (typeof object.detail !== "string" || object.detail.length)
                        message.detail = $String(object.detail);
                if (object.recipients) {
                    if (!$Array.isArray(object.recipients))
                        throw $TypeError(".atc.v1.Receipt.recipients: array expected");
                    message.recipients = $Array(object.recipients.length);
                    for (let i = 0; i < object.recipients.length; ++i)
                        message.recipients[i] = $String(object.recipients[i]);
                }
                if (object.recipient != null)
                    if (typeof object.recipient !== "string" || object.recipient.length)
                        message.recipient = $String(object.recipient);
                if (object.envelopeSha256 != null)
                    if (object.envelopeSha256.length)
                        if (typeof object.envelopeSha256 === "string")
                            $util.base64.decode(object.envelopeSha256, message.envelopeSha256 = $util.newBuffer($util.base64.length(object.envelopeSha256)), 0);
                        else if (object.envelopeSha256.length >= 0)
                            message.envelopeSha256 = object.envelopeSha256;
                if (object.at != null) {
                    if (!$util.isObject(object.at))
                        throw $TypeError(".atc.v1.Receipt.at: object expected");
                    message.at = $root.google.protobuf.Timestamp.fromObject(object.at, _depth + 1);
                }
                if (object.leafIndex != null)
                    if (typeof object.leafIndex === "object" ? object.leafIndex.low || object.leafIndex.high : $Number(object.leafIndex) !== 0)
                        if ($util.Long)
                            message.leafIndex = $util.Long.fromValue(object.leafIndex, true);
                        else if (typeof object.leafIndex === "string")
                            message.leafIndex = $parseInt(object.leafIndex, 10);
                        else if (typeof object.leafIndex === "number")
                            message.leafIndex = object.leafIndex;
                        else if (typeof object.leafIndex === "object")
                            message.leafIndex = new $util.LongBits(object.leafIndex.low >>> 0, object.leafIndex.high >>> 0).toNumber(true);
                if (object.checkpoint != null)
                    if (typeof object.checkpoint !== "string" || object.checkpoint.length)
                        message.checkpoint = $String(object.checkpoint);
                if (object.inclusionProof) {
                    if (!$Array.isArray(object.inclusionProof))
                        throw $TypeError(".atc.v1.Receipt.inclusionProof: array expected");
                    message.inclusionProof = $Array(object.inclusionProof.length);
                    for (let i = 0; i < object.inclusionProof.length; ++i)
                        if (typeof object.inclusionProof[i] === "string")
                            $util.base64.decode(object.inclusionProof[i], message.inclusionProof[i] = $util.newBuffer($util.base64.length(object.inclusionProof[i])), 0);
                        else if (object.inclusionProof[i].length >= 0)
                            message.inclusionProof[i] = object.inclusionProof[i];
                }
                return message;
            };

            /**
             * Creates a plain object from a Receipt message. Also converts values to other types if specified.
             * @function toObject
             * @memberof atc.v1.Receipt
             * @static
             * @param {atc.v1.Receipt} message Receipt
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Receipt.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults) {
                    object.recipients = [];
                    object.inclusionProof = [];
                }
                if (options.defaults) {
                    if (options.bytes === $String)
                        object.nonce = "";
                    else {
                        object.nonce = [];
                        if (options.bytes !== $Array)
                            object.nonce = $util.newBuffer(object.nonce);
                    }
                    object.messageId = "";
                    object.status = options.enums === $String ? "RECEIPT_STATUS_UNSPECIFIED" : 0;
                    object.reason = options.enums === $String ? "REASON_CODE_UNSPECIFIED" : 0;
                    object.detail = "";
                    object.recipient = "";
                    if (options.bytes === $String)
                        object.envelopeSha256 = "";
                    else {
                        object.envelopeSha256 = [];
                        if (options.bytes !== $Array)
                            object.envelopeSha256 = $util.newBuffer(object.envelopeSha256);
                    }
                    object.at = null;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.leafIndex = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.leafIndex = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.checkpoint = "";
                }
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    object.nonce = options.bytes === $String ? $util.base64.encode(message.nonce, 0, message.nonce.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.nonce) : message.nonce;
                if (message.messageId != null && $Object.hasOwnProperty.call(message, "messageId"))
                    object.messageId = message.messageId;
                if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                    object.status = options.enums === $String ? $root.atc.v1.ReceiptStatus[message.status] === $undefined ? message.status : $root.atc.v1.ReceiptStatus[message.status] : message.status;
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    object.reason = options.enums === $String ? $root.atc.v1.ReasonCode[message.reason] === $undefined ? message.reason : $root.atc.v1.ReasonCode[message.reason] : message.reason;
                if (message.detail != null && $Object.hasOwnProperty.call(message, "detail"))
                    object.detail = message.detail;
                if (message.recipients && message.recipients.length) {
                    object.recipients = $Array(message.recipients.length);
                    for (let j = 0; j < message.recipients.length; ++j)
                        object.recipients[j] = message.recipients[j];
                }
                if (message.recipient != null && $Object.hasOwnProperty.call(message, "recipient"))
                    object.recipient = message.recipient;
                if (message.envelopeSha256 != null && $Object.hasOwnProperty.call(message, "envelopeSha256"))
                    object.envelopeSha256 = options.bytes === $String ? $util.base64.encode(message.envelopeSha256, 0, message.envelopeSha256.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.envelopeSha256) : message.envelopeSha256;
                if (message.at != null && $Object.hasOwnProperty.call(message, "at"))
                    object.at = $root.google.protobuf.Timestamp.toObject(message.at, options, _depth + 1);
                if (message.leafIndex != null && $Object.hasOwnProperty.call(message, "leafIndex"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.leafIndex = typeof message.leafIndex === "number" ? $BigInt(message.leafIndex) : $util.Long.fromBits(message.leafIndex.low >>> 0, message.leafIndex.high >>> 0, true).toBigInt();
                    else if (typeof message.leafIndex === "number")
                        object.leafIndex = options.longs === $String ? $String(message.leafIndex) : message.leafIndex;
                    else
                        object.leafIndex = options.longs === $String ? $util.Long.prototype.toString.call(message.leafIndex) : options.longs === $Number ? new $util.LongBits(message.leafIndex.low >>> 0, message.leafIndex.high >>> 0).toNumber(true) : message.leafIndex;
                if (message.checkpoint != null && $Object.hasOwnProperty.call(message, "checkpoint"))
                    object.checkpoint = message.checkpoint;
                if (message.inclusionProof && message.inclusionProof.length) {
                    object.inclusionProof = $Array(message.inclusionProof.length);
                    for (let j = 0; j < message.inclusionProof.length; ++j)
                        object.inclusionProof[j] = options.bytes === $String ? $util.base64.encode(message.inclusionProof[j], 0, message.inclusionProof[j].length) : options.bytes === $Array ? $Array.prototype.slice.call(message.inclusionProof[j]) : message.inclusionProof[j];
                }
                return object;
            };

            /**
             * Converts this Receipt to JSON.
             * @function toJSON
             * @memberof atc.v1.Receipt
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Receipt.prototype.toJSON = function() {
                return Receipt.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Receipt
             * @function getTypeUrl
             * @memberof atc.v1.Receipt
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Receipt.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atc.v1.Receipt";
            };

            return Receipt;
        })();

        /**
         * KeyEventType enum.
         * @name atc.v1.KeyEventType
         * @enum {number}
         * @property {number} KEY_EVENT_TYPE_UNSPECIFIED=0 KEY_EVENT_TYPE_UNSPECIFIED value
         * @property {number} KEY_EVENT_TYPE_REGISTERED=1 KEY_EVENT_TYPE_REGISTERED value
         * @property {number} KEY_EVENT_TYPE_REVOKED=2 KEY_EVENT_TYPE_REVOKED value
         */
        v1.KeyEventType = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "KEY_EVENT_TYPE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "KEY_EVENT_TYPE_REGISTERED"] = 1;
            values[valuesById[2] = "KEY_EVENT_TYPE_REVOKED"] = 2;
            return values;
        })();

        /**
         * RevocationReason enum.
         * @name atc.v1.RevocationReason
         * @enum {number}
         * @property {number} REVOCATION_REASON_UNSPECIFIED=0 REVOCATION_REASON_UNSPECIFIED value
         * @property {number} REVOCATION_REASON_SUPERSEDED=1 REVOCATION_REASON_SUPERSEDED value
         * @property {number} REVOCATION_REASON_COMPROMISED=2 REVOCATION_REASON_COMPROMISED value
         * @property {number} REVOCATION_REASON_CESSATION=3 REVOCATION_REASON_CESSATION value
         */
        v1.RevocationReason = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "REVOCATION_REASON_UNSPECIFIED"] = 0;
            values[valuesById[1] = "REVOCATION_REASON_SUPERSEDED"] = 1;
            values[valuesById[2] = "REVOCATION_REASON_COMPROMISED"] = 2;
            values[valuesById[3] = "REVOCATION_REASON_CESSATION"] = 3;
            return values;
        })();

        v1.KeyEvent = (function() {

            /**
             * Properties of a KeyEvent.
             * @typedef {Object} atc.v1.KeyEvent.$Properties
             * @property {Uint8Array|null} [nonce] KeyEvent nonce
             * @property {atc.v1.KeyEventType|null} [type] KeyEvent type
             * @property {string|null} [memberId] KeyEvent memberId
             * @property {string|null} [kid] KeyEvent kid
             * @property {string|null} [publicJwk] KeyEvent publicJwk
             * @property {google.protobuf.Timestamp.$Properties|null} [validFrom] KeyEvent validFrom
             * @property {google.protobuf.Timestamp.$Properties|null} [validUntil] KeyEvent validUntil
             * @property {google.protobuf.Timestamp.$Properties|null} [revokedAt] KeyEvent revokedAt
             * @property {atc.v1.RevocationReason|null} [reason] KeyEvent reason
             * @property {string|null} [comment] KeyEvent comment
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a KeyEvent.
             * @memberof atc.v1
             * @interface IKeyEvent
             * @augments atc.v1.KeyEvent.$Properties
             * @deprecated Use atc.v1.KeyEvent.$Properties instead.
             */

            /**
             * Shape of a KeyEvent.
             * @typedef {atc.v1.KeyEvent.$Properties} atc.v1.KeyEvent.$Shape
             */

            /**
             * Constructs a new KeyEvent.
             * @memberof atc.v1
             * @classdesc Represents a KeyEvent.
             * @constructor
             * @param {atc.v1.KeyEvent.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const KeyEvent = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * KeyEvent nonce.
             * @member {Uint8Array} nonce
             * @memberof atc.v1.KeyEvent
             * @instance
             */
            KeyEvent.prototype.nonce = $util.newBuffer([]);

            /**
             * KeyEvent type.
             * @member {atc.v1.KeyEventType} type
             * @memberof atc.v1.KeyEvent
             * @instance
             */
            KeyEvent.prototype.type = 0;

            /**
             * KeyEvent memberId.
             * @member {string} memberId
             * @memberof atc.v1.KeyEvent
             * @instance
             */
            KeyEvent.prototype.memberId = "";

            /**
             * KeyEvent kid.
             * @member {string} kid
             * @memberof atc.v1.KeyEvent
             * @instance
             */
            KeyEvent.prototype.kid = "";

            /**
             * KeyEvent publicJwk.
             * @member {string} publicJwk
             * @memberof atc.v1.KeyEvent
             * @instance
             */
            KeyEvent.prototype.publicJwk = "";

            /**
             * KeyEvent validFrom.
             * @member {google.protobuf.Timestamp.$Properties|null|undefined} validFrom
             * @memberof atc.v1.KeyEvent
             * @instance
             */
            KeyEvent.prototype.validFrom = null;

            /**
             * KeyEvent validUntil.
             * @member {google.protobuf.Timestamp.$Properties|null|undefined} validUntil
             * @memberof atc.v1.KeyEvent
             * @instance
             */
            KeyEvent.prototype.validUntil = null;

            /**
             * KeyEvent revokedAt.
             * @member {google.protobuf.Timestamp.$Properties|null|undefined} revokedAt
             * @memberof atc.v1.KeyEvent
             * @instance
             */
            KeyEvent.prototype.revokedAt = null;

            /**
             * KeyEvent reason.
             * @member {atc.v1.RevocationReason} reason
             * @memberof atc.v1.KeyEvent
             * @instance
             */
            KeyEvent.prototype.reason = 0;

            /**
             * KeyEvent comment.
             * @member {string} comment
             * @memberof atc.v1.KeyEvent
             * @instance
             */
            KeyEvent.prototype.comment = "";

            /**
             * Creates a new KeyEvent instance using the specified properties.
             * @function create
             * @memberof atc.v1.KeyEvent
             * @static
             * @param {atc.v1.KeyEvent.$Properties=} [properties] Properties to set
             * @returns {atc.v1.KeyEvent} KeyEvent instance
             * @type {{
             *   (properties: atc.v1.KeyEvent.$Shape): atc.v1.KeyEvent & atc.v1.KeyEvent.$Shape;
             *   (properties?: atc.v1.KeyEvent.$Properties): atc.v1.KeyEvent;
             * }}
             */
            KeyEvent.create = function(properties) {
                return new KeyEvent(properties);
            };

            /**
             * Encodes the specified KeyEvent message. Does not implicitly {@link atc.v1.KeyEvent.verify|verify} messages.
             * @function encode
             * @memberof atc.v1.KeyEvent
             * @static
             * @param {atc.v1.KeyEvent.$Properties} message KeyEvent message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            KeyEvent.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce") && message.nonce.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.nonce);
                if (message.type != null && $Object.hasOwnProperty.call(message, "type") && message.type !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.type);
                if (message.memberId != null && $Object.hasOwnProperty.call(message, "memberId") && message.memberId !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.memberId);
                if (message.kid != null && $Object.hasOwnProperty.call(message, "kid") && message.kid !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.kid);
                if (message.publicJwk != null && $Object.hasOwnProperty.call(message, "publicJwk") && message.publicJwk !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.publicJwk);
                if (message.validFrom != null && $Object.hasOwnProperty.call(message, "validFrom"))
                    $root.google.protobuf.Timestamp.encode(message.validFrom, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.validUntil != null && $Object.hasOwnProperty.call(message, "validUntil"))
                    $root.google.protobuf.Timestamp.encode(message.validUntil, writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
                if (message.revokedAt != null && $Object.hasOwnProperty.call(message, "revokedAt"))
                    $root.google.protobuf.Timestamp.encode(message.revokedAt, writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== 0)
                    writer.uint32(/* id 9, wireType 0 =*/72).int32(message.reason);
                if (message.comment != null && $Object.hasOwnProperty.call(message, "comment") && message.comment !== "")
                    writer.uint32(/* id 10, wireType 2 =*/82).string(message.comment);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified KeyEvent message, length delimited. Does not implicitly {@link atc.v1.KeyEvent.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atc.v1.KeyEvent
             * @static
             * @param {atc.v1.KeyEvent.$Properties} message KeyEvent message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            KeyEvent.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a KeyEvent message from the specified reader or buffer.
             * @function decode
             * @memberof atc.v1.KeyEvent
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {atc.v1.KeyEvent & atc.v1.KeyEvent.$Shape} KeyEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            KeyEvent.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.atc.v1.KeyEvent();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.nonce = value;
                            else
                                delete message.nonce;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.type = value;
                            else
                                delete message.type;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.memberId = value;
                            else
                                delete message.memberId;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.kid = value;
                            else
                                delete message.kid;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.publicJwk = value;
                            else
                                delete message.publicJwk;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            message.validFrom = $root.google.protobuf.Timestamp.decode(reader, reader.size(), $undefined, _depth + 1, message.validFrom);
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            message.validUntil = $root.google.protobuf.Timestamp.decode(reader, reader.size(), $undefined, _depth + 1, message.validUntil);
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            message.revokedAt = $root.google.protobuf.Timestamp.decode(reader, reader.size(), $undefined, _depth + 1, message.revokedAt);
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.comment = value;
                            else
                                delete message.comment;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a KeyEvent message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atc.v1.KeyEvent
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atc.v1.KeyEvent & atc.v1.KeyEvent.$Shape} KeyEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            KeyEvent.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a KeyEvent message.
             * @function verify
             * @memberof atc.v1.KeyEvent
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            KeyEvent.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    if (!(message.nonce && typeof message.nonce.length === "number" || $util.isString(message.nonce)))
                        return "nonce: buffer expected";
                if (message.type != null && $Object.hasOwnProperty.call(message, "type"))
                    if (typeof message.type !== "number" || (message.type | 0) !== message.type)
                        return "type: enum value expected";
                if (message.memberId != null && $Object.hasOwnProperty.call(message, "memberId"))
                    if (!$util.isString(message.memberId))
                        return "memberId: string expected";
                if (message.kid != null && $Object.hasOwnProperty.call(message, "kid"))
                    if (!$util.isString(message.kid))
                        return "kid: string expected";
                if (message.publicJwk != null && $Object.hasOwnProperty.call(message, "publicJwk"))
                    if (!$util.isString(message.publicJwk))
                        return "publicJwk: string expected";
                if (message.validFrom != null && $Object.hasOwnProperty.call(message, "validFrom")) {
                    let error = $root.google.protobuf.Timestamp.verify(message.validFrom, _depth + 1);
                    if (error)
                        return "validFrom." + error;
                }
                if (message.validUntil != null && $Object.hasOwnProperty.call(message, "validUntil")) {
                    let error = $root.google.protobuf.Timestamp.verify(message.validUntil, _depth + 1);
                    if (error)
                        return "validUntil." + error;
                }
                if (message.revokedAt != null && $Object.hasOwnProperty.call(message, "revokedAt")) {
                    let error = $root.google.protobuf.Timestamp.verify(message.revokedAt, _depth + 1);
                    if (error)
                        return "revokedAt." + error;
                }
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    if (typeof message.reason !== "number" || (message.reason | 0) !== message.reason)
                        return "reason: enum value expected";
                if (message.comment != null && $Object.hasOwnProperty.call(message, "comment"))
                    if (!$util.isString(message.comment))
                        return "comment: string expected";
                return null;
            };

            /**
             * Creates a KeyEvent message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof atc.v1.KeyEvent
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {atc.v1.KeyEvent} KeyEvent
             */
            KeyEvent.fromObject = function (object, _depth) {
                if (object instanceof $root.atc.v1.KeyEvent)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".atc.v1.KeyEvent: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.atc.v1.KeyEvent();
                if (object.nonce != null)
                    if (object.nonce.length)
                        if (typeof object.nonce === "string")
                            $util.base64.decode(object.nonce, message.nonce = $util.newBuffer($util.base64.length(object.nonce)), 0);
                        else if (object.nonce.length >= 0)
                            message.nonce = object.nonce;
                if (object.type !== 0 && (typeof object.type !== "string" || $root.atc.v1.KeyEventType[object.type] !== 0))
                    switch (object.type) {
                    case "KEY_EVENT_TYPE_UNSPECIFIED":
                    case 0:
                        message.type = 0;
                        break;
                    case "KEY_EVENT_TYPE_REGISTERED":
                    case 1:
                        message.type = 1;
                        break;
                    case "KEY_EVENT_TYPE_REVOKED":
                    case 2:
                        message.type = 2;
                        break;
                    default:
                        if (typeof object.type === "number" && (object.type | 0) === object.type)
                            message.type = object.type;
                    }
                if (object.memberId != null)
                    if (typeof object.memberId !== "string" || object.memberId.length)
                        message.memberId = $String(object.memberId);
                if (object.kid != null)
                    if (typeof object.kid !== "string" || object.kid.length)
                        message.kid = $String(object.kid);
                if (object.publicJwk != null)
                    if (typeof object.publicJwk !== "string" || object.publicJwk.length)
                        message.publicJwk = $String(object.publicJwk);
                if (object.validFrom != null) {
                    if (!$util.isObject(object.validFrom))
                        throw $TypeError(".atc.v1.KeyEvent.validFrom: object expected");
                    message.validFrom = $root.google.protobuf.Timestamp.fromObject(object.validFrom, _depth + 1);
                }
                if (object.validUntil != null) {
                    if (!$util.isObject(object.validUntil))
                        throw $TypeError(".atc.v1.KeyEvent.validUntil: object expected");
                    message.validUntil = $root.google.protobuf.Timestamp.fromObject(object.validUntil, _depth + 1);
                }
                if (object.revokedAt != null) {
                    if (!$util.isObject(object.revokedAt))
                        throw $TypeError(".atc.v1.KeyEvent.revokedAt: object expected");
                    message.revokedAt = $root.google.protobuf.Timestamp.fromObject(object.revokedAt, _depth + 1);
                }
                if (object.reason !== 0 && (typeof object.reason !== "string" || $root.atc.v1.RevocationReason[object.reason] !== 0))
                    switch (object.reason) {
                    case "REVOCATION_REASON_UNSPECIFIED":
                    case 0:
                        message.reason = 0;
                        break;
                    case "REVOCATION_REASON_SUPERSEDED":
                    case 1:
                        message.reason = 1;
                        break;
                    case "REVOCATION_REASON_COMPROMISED":
                    case 2:
                        message.reason = 2;
                        break;
                    case "REVOCATION_REASON_CESSATION":
                    case 3:
                        message.reason = 3;
                        break;
                    default:
                        if (typeof object.reason === "number" && (object.reason | 0) === object.reason)
                            message.reason = object.reason;
                    }
                if (object.comment != null)
                    if (typeof object.comment !== "string" || object.comment.length)
                        message.comment = $String(object.comment);
                return message;
            };

            /**
             * Creates a plain object from a KeyEvent message. Also converts values to other types if specified.
             * @function toObject
             * @memberof atc.v1.KeyEvent
             * @static
             * @param {atc.v1.KeyEvent} message KeyEvent
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            KeyEvent.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    if (options.bytes === $String)
                        object.nonce = "";
                    else {
                        object.nonce = [];
                        if (options.bytes !== $Array)
                            object.nonce = $util.newBuffer(object.nonce);
                    }
                    object.type = options.enums === $String ? "KEY_EVENT_TYPE_UNSPECIFIED" : 0;
                    object.memberId = "";
                    object.kid = "";
                    object.publicJwk = "";
                    object.validFrom = null;
                    object.validUntil = null;
                    object.revokedAt = null;
                    object.reason = options.enums === $String ? "REVOCATION_REASON_UNSPECIFIED" : 0;
                    object.comment = "";
                }
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    object.nonce = options.bytes === $String ? $util.base64.encode(message.nonce, 0, message.nonce.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.nonce) : message.nonce;
                if (message.type != null && $Object.hasOwnProperty.call(message, "type"))
                    object.type = options.enums === $String ? $root.atc.v1.KeyEventType[message.type] === $undefined ? message.type : $root.atc.v1.KeyEventType[message.type] : message.type;
                if (message.memberId != null && $Object.hasOwnProperty.call(message, "memberId"))
                    object.memberId = message.memberId;
                if (message.kid != null && $Object.hasOwnProperty.call(message, "kid"))
                    object.kid = message.kid;
                if (message.publicJwk != null && $Object.hasOwnProperty.call(message, "publicJwk"))
                    object.publicJwk = message.publicJwk;
                if (message.validFrom != null && $Object.hasOwnProperty.call(message, "validFrom"))
                    object.validFrom = $root.google.protobuf.Timestamp.toObject(message.validFrom, options, _depth + 1);
                if (message.validUntil != null && $Object.hasOwnProperty.call(message, "validUntil"))
                    object.validUntil = $root.google.protobuf.Timestamp.toObject(message.validUntil, options, _depth + 1);
                if (message.revokedAt != null && $Object.hasOwnProperty.call(message, "revokedAt"))
                    object.revokedAt = $root.google.protobuf.Timestamp.toObject(message.revokedAt, options, _depth + 1);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    object.reason = options.enums === $String ? $root.atc.v1.RevocationReason[message.reason] === $undefined ? message.reason : $root.atc.v1.RevocationReason[message.reason] : message.reason;
                if (message.comment != null && $Object.hasOwnProperty.call(message, "comment"))
                    object.comment = message.comment;
                return object;
            };

            /**
             * Converts this KeyEvent to JSON.
             * @function toJSON
             * @memberof atc.v1.KeyEvent
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            KeyEvent.prototype.toJSON = function() {
                return KeyEvent.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for KeyEvent
             * @function getTypeUrl
             * @memberof atc.v1.KeyEvent
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            KeyEvent.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atc.v1.KeyEvent";
            };

            return KeyEvent;
        })();

        v1.Envelope = (function() {

            /**
             * Properties of an Envelope.
             * @typedef {Object} atc.v1.Envelope.$Properties
             * @property {Uint8Array|null} [header] Envelope header
             * @property {Uint8Array|null} [payload] Envelope payload
             * @property {string|null} [signature] Envelope signature
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Envelope.
             * @memberof atc.v1
             * @interface IEnvelope
             * @augments atc.v1.Envelope.$Properties
             * @deprecated Use atc.v1.Envelope.$Properties instead.
             */

            /**
             * Shape of an Envelope.
             * @typedef {atc.v1.Envelope.$Properties} atc.v1.Envelope.$Shape
             */

            /**
             * Constructs a new Envelope.
             * @memberof atc.v1
             * @classdesc Represents an Envelope.
             * @constructor
             * @param {atc.v1.Envelope.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Envelope = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Envelope header.
             * @member {Uint8Array} header
             * @memberof atc.v1.Envelope
             * @instance
             */
            Envelope.prototype.header = $util.newBuffer([]);

            /**
             * Envelope payload.
             * @member {Uint8Array} payload
             * @memberof atc.v1.Envelope
             * @instance
             */
            Envelope.prototype.payload = $util.newBuffer([]);

            /**
             * Envelope signature.
             * @member {string} signature
             * @memberof atc.v1.Envelope
             * @instance
             */
            Envelope.prototype.signature = "";

            /**
             * Creates a new Envelope instance using the specified properties.
             * @function create
             * @memberof atc.v1.Envelope
             * @static
             * @param {atc.v1.Envelope.$Properties=} [properties] Properties to set
             * @returns {atc.v1.Envelope} Envelope instance
             * @type {{
             *   (properties: atc.v1.Envelope.$Shape): atc.v1.Envelope & atc.v1.Envelope.$Shape;
             *   (properties?: atc.v1.Envelope.$Properties): atc.v1.Envelope;
             * }}
             */
            Envelope.create = function(properties) {
                return new Envelope(properties);
            };

            /**
             * Encodes the specified Envelope message. Does not implicitly {@link atc.v1.Envelope.verify|verify} messages.
             * @function encode
             * @memberof atc.v1.Envelope
             * @static
             * @param {atc.v1.Envelope.$Properties} message Envelope message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Envelope.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.header != null && $Object.hasOwnProperty.call(message, "header") && message.header.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.header);
                if (message.payload != null && $Object.hasOwnProperty.call(message, "payload") && message.payload.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.payload);
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature") && message.signature !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.signature);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Envelope message, length delimited. Does not implicitly {@link atc.v1.Envelope.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atc.v1.Envelope
             * @static
             * @param {atc.v1.Envelope.$Properties} message Envelope message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Envelope.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an Envelope message from the specified reader or buffer.
             * @function decode
             * @memberof atc.v1.Envelope
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {atc.v1.Envelope & atc.v1.Envelope.$Shape} Envelope
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Envelope.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.atc.v1.Envelope();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.header = value;
                            else
                                delete message.header;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.payload = value;
                            else
                                delete message.payload;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.signature = value;
                            else
                                delete message.signature;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an Envelope message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atc.v1.Envelope
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atc.v1.Envelope & atc.v1.Envelope.$Shape} Envelope
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Envelope.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an Envelope message.
             * @function verify
             * @memberof atc.v1.Envelope
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Envelope.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.header != null && $Object.hasOwnProperty.call(message, "header"))
                    if (!(message.header && typeof message.header.length === "number" || $util.isString(message.header)))
                        return "header: buffer expected";
                if (message.payload != null && $Object.hasOwnProperty.call(message, "payload"))
                    if (!(message.payload && typeof message.payload.length === "number" || $util.isString(message.payload)))
                        return "payload: buffer expected";
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature"))
                    if (!$util.isString(message.signature))
                        return "signature: string expected";
                return null;
            };

            /**
             * Creates an Envelope message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof atc.v1.Envelope
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {atc.v1.Envelope} Envelope
             */
            Envelope.fromObject = function (object, _depth) {
                if (object instanceof $root.atc.v1.Envelope)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".atc.v1.Envelope: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.atc.v1.Envelope();
                if (object.header != null)
                    if (object.header.length)
                        if (typeof object.header === "string")
                            $util.base64.decode(object.header, message.header = $util.newBuffer($util.base64.length(object.header)), 0);
                        else if (object.header.length >= 0)
                            message.header = object.header;
                if (object.payload != null)
                    if (object.payload.length)
                        if (typeof object.payload === "string")
                            $util.base64.decode(object.payload, message.payload = $util.newBuffer($util.base64.length(object.payload)), 0);
                        else if (object.payload.length >= 0)
                            message.payload = object.payload;
                if (object.signature != null)
                    if (typeof object.signature !== "string" || object.signature.length)
                        message.signature = $String(object.signature);
                return message;
            };

            /**
             * Creates a plain object from an Envelope message. Also converts values to other types if specified.
             * @function toObject
             * @memberof atc.v1.Envelope
             * @static
             * @param {atc.v1.Envelope} message Envelope
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Envelope.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    if (options.bytes === $String)
                        object.header = "";
                    else {
                        object.header = [];
                        if (options.bytes !== $Array)
                            object.header = $util.newBuffer(object.header);
                    }
                    if (options.bytes === $String)
                        object.payload = "";
                    else {
                        object.payload = [];
                        if (options.bytes !== $Array)
                            object.payload = $util.newBuffer(object.payload);
                    }
                    object.signature = "";
                }
                if (message.header != null && $Object.hasOwnProperty.call(message, "header"))
                    object.header = options.bytes === $String ? $util.base64.encode(message.header, 0, message.header.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.header) : message.header;
                if (message.payload != null && $Object.hasOwnProperty.call(message, "payload"))
                    object.payload = options.bytes === $String ? $util.base64.encode(message.payload, 0, message.payload.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.payload) : message.payload;
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature"))
                    object.signature = message.signature;
                return object;
            };

            /**
             * Converts this Envelope to JSON.
             * @function toJSON
             * @memberof atc.v1.Envelope
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Envelope.prototype.toJSON = function() {
                return Envelope.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Envelope
             * @function getTypeUrl
             * @memberof atc.v1.Envelope
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Envelope.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atc.v1.Envelope";
            };

            return Envelope;
        })();

        v1.Header = (function() {

            /**
             * Properties of a Header.
             * @typedef {Object} atc.v1.Header.$Properties
             * @property {number|null} [protocol] Header protocol
             * @property {string|null} [messageId] Header messageId
             * @property {string|null} [sender] Header sender
             * @property {Array.<string>|null} [recipients] Header recipients
             * @property {boolean|null} [broadcast] Header broadcast
             * @property {google.protobuf.Timestamp.$Properties|null} [createdAt] Header createdAt
             * @property {string|null} [payloadType] Header payloadType
             * @property {Uint8Array|null} [payloadSha256] Header payloadSha256
             * @property {atc.v1.Handling.$Properties|null} [handling] Header handling
             * @property {string|null} [purpose] Header purpose
             * @property {string|null} [legalBasis] Header legalBasis
             * @property {atc.v1.Urgency|null} [urgency] Header urgency
             * @property {google.protobuf.Timestamp.$Properties|null} [replyDueAt] Header replyDueAt
             * @property {string|null} [correlationId] Header correlationId
             * @property {string|null} [inReplyTo] Header inReplyTo
             * @property {number|null} [senderSequence] Header senderSequence
             * @property {boolean|null} [exercise] Header exercise
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Header.
             * @memberof atc.v1
             * @interface IHeader
             * @augments atc.v1.Header.$Properties
             * @deprecated Use atc.v1.Header.$Properties instead.
             */

            /**
             * Shape of a Header.
             * @typedef {atc.v1.Header.$Properties} atc.v1.Header.$Shape
             */

            /**
             * Constructs a new Header.
             * @memberof atc.v1
             * @classdesc Represents a Header.
             * @constructor
             * @param {atc.v1.Header.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Header = function (properties) {
                this.recipients = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Header protocol.
             * @member {number} protocol
             * @memberof atc.v1.Header
             * @instance
             */
            Header.prototype.protocol = 0;

            /**
             * Header messageId.
             * @member {string} messageId
             * @memberof atc.v1.Header
             * @instance
             */
            Header.prototype.messageId = "";

            /**
             * Header sender.
             * @member {string} sender
             * @memberof atc.v1.Header
             * @instance
             */
            Header.prototype.sender = "";

            /**
             * Header recipients.
             * @member {Array.<string>} recipients
             * @memberof atc.v1.Header
             * @instance
             */
            Header.prototype.recipients = $util.emptyArray;

            /**
             * Header broadcast.
             * @member {boolean} broadcast
             * @memberof atc.v1.Header
             * @instance
             */
            Header.prototype.broadcast = false;

            /**
             * Header createdAt.
             * @member {google.protobuf.Timestamp.$Properties|null|undefined} createdAt
             * @memberof atc.v1.Header
             * @instance
             */
            Header.prototype.createdAt = null;

            /**
             * Header payloadType.
             * @member {string} payloadType
             * @memberof atc.v1.Header
             * @instance
             */
            Header.prototype.payloadType = "";

            /**
             * Header payloadSha256.
             * @member {Uint8Array} payloadSha256
             * @memberof atc.v1.Header
             * @instance
             */
            Header.prototype.payloadSha256 = $util.newBuffer([]);

            /**
             * Header handling.
             * @member {atc.v1.Handling.$Properties|null|undefined} handling
             * @memberof atc.v1.Header
             * @instance
             */
            Header.prototype.handling = null;

            /**
             * Header purpose.
             * @member {string} purpose
             * @memberof atc.v1.Header
             * @instance
             */
            Header.prototype.purpose = "";

            /**
             * Header legalBasis.
             * @member {string} legalBasis
             * @memberof atc.v1.Header
             * @instance
             */
            Header.prototype.legalBasis = "";

            /**
             * Header urgency.
             * @member {atc.v1.Urgency} urgency
             * @memberof atc.v1.Header
             * @instance
             */
            Header.prototype.urgency = 0;

            /**
             * Header replyDueAt.
             * @member {google.protobuf.Timestamp.$Properties|null|undefined} replyDueAt
             * @memberof atc.v1.Header
             * @instance
             */
            Header.prototype.replyDueAt = null;

            /**
             * Header correlationId.
             * @member {string} correlationId
             * @memberof atc.v1.Header
             * @instance
             */
            Header.prototype.correlationId = "";

            /**
             * Header inReplyTo.
             * @member {string} inReplyTo
             * @memberof atc.v1.Header
             * @instance
             */
            Header.prototype.inReplyTo = "";

            /**
             * Header senderSequence.
             * @member {number} senderSequence
             * @memberof atc.v1.Header
             * @instance
             */
            Header.prototype.senderSequence = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Header exercise.
             * @member {boolean} exercise
             * @memberof atc.v1.Header
             * @instance
             */
            Header.prototype.exercise = false;

            /**
             * Creates a new Header instance using the specified properties.
             * @function create
             * @memberof atc.v1.Header
             * @static
             * @param {atc.v1.Header.$Properties=} [properties] Properties to set
             * @returns {atc.v1.Header} Header instance
             * @type {{
             *   (properties: atc.v1.Header.$Shape): atc.v1.Header & atc.v1.Header.$Shape;
             *   (properties?: atc.v1.Header.$Properties): atc.v1.Header;
             * }}
             */
            Header.create = function(properties) {
                return new Header(properties);
            };

            /**
             * Encodes the specified Header message. Does not implicitly {@link atc.v1.Header.verify|verify} messages.
             * @function encode
             * @memberof atc.v1.Header
             * @static
             * @param {atc.v1.Header.$Properties} message Header message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Header.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.protocol != null && $Object.hasOwnProperty.call(message, "protocol") && message.protocol !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.protocol);
                if (message.messageId != null && $Object.hasOwnProperty.call(message, "messageId") && message.messageId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.messageId);
                if (message.sender != null && $Object.hasOwnProperty.call(message, "sender") && message.sender !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.sender);
                if (message.recipients != null && message.recipients.length)
                    for (let i = 0; i < message.recipients.length; ++i)
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.recipients[i]);
                if (message.broadcast != null && $Object.hasOwnProperty.call(message, "broadcast") && message.broadcast !== false)
                    writer.uint32(/* id 5, wireType 0 =*/40).bool(message.broadcast);
                if (message.createdAt != null && $Object.hasOwnProperty.call(message, "createdAt"))
                    $root.google.protobuf.Timestamp.encode(message.createdAt, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.payloadType != null && $Object.hasOwnProperty.call(message, "payloadType") && message.payloadType !== "")
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.payloadType);
                if (message.payloadSha256 != null && $Object.hasOwnProperty.call(message, "payloadSha256") && message.payloadSha256.length)
                    writer.uint32(/* id 8, wireType 2 =*/66).bytes(message.payloadSha256);
                if (message.handling != null && $Object.hasOwnProperty.call(message, "handling"))
                    $root.atc.v1.Handling.encode(message.handling, writer.uint32(/* id 9, wireType 2 =*/74).fork(), _depth + 1).ldelim();
                if (message.purpose != null && $Object.hasOwnProperty.call(message, "purpose") && message.purpose !== "")
                    writer.uint32(/* id 10, wireType 2 =*/82).string(message.purpose);
                if (message.legalBasis != null && $Object.hasOwnProperty.call(message, "legalBasis") && message.legalBasis !== "")
                    writer.uint32(/* id 11, wireType 2 =*/90).string(message.legalBasis);
                if (message.urgency != null && $Object.hasOwnProperty.call(message, "urgency") && message.urgency !== 0)
                    writer.uint32(/* id 12, wireType 0 =*/96).int32(message.urgency);
                if (message.replyDueAt != null && $Object.hasOwnProperty.call(message, "replyDueAt"))
                    $root.google.protobuf.Timestamp.encode(message.replyDueAt, writer.uint32(/* id 13, wireType 2 =*/106).fork(), _depth + 1).ldelim();
                if (message.correlationId != null && $Object.hasOwnProperty.call(message, "correlationId") && message.correlationId !== "")
                    writer.uint32(/* id 14, wireType 2 =*/114).string(message.correlationId);
                if (message.inReplyTo != null && $Object.hasOwnProperty.call(message, "inReplyTo") && message.inReplyTo !== "")
                    writer.uint32(/* id 15, wireType 2 =*/122).string(message.inReplyTo);
                if (message.senderSequence != null && $Object.hasOwnProperty.call(message, "senderSequence") && (typeof message.senderSequence === "object" ? message.senderSequence.low || message.senderSequence.high : message.senderSequence !== 0))
                    writer.uint32(/* id 16, wireType 0 =*/128).uint64(message.senderSequence);
                if (message.exercise != null && $Object.hasOwnProperty.call(message, "exercise") && message.exercise !== false)
                    writer.uint32(/* id 17, wireType 0 =*/136).bool(message.exercise);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Header message, length delimited. Does not implicitly {@link atc.v1.Header.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atc.v1.Header
             * @static
             * @param {atc.v1.Header.$Properties} message Header message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Header.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Header message from the specified reader or buffer.
             * @function decode
             * @memberof atc.v1.Header
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {atc.v1.Header & atc.v1.Header.$Shape} Header
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Header.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.atc.v1.Header();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.protocol = value;
                            else
                                delete message.protocol;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.messageId = value;
                            else
                                delete message.messageId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sender = value;
                            else
                                delete message.sender;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if (!(message.recipients && message.recipients.length))
                                message.recipients = [];
                            message.recipients.push(reader.stringVerify());
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.broadcast = value;
                            else
                                delete message.broadcast;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            message.createdAt = $root.google.protobuf.Timestamp.decode(reader, reader.size(), $undefined, _depth + 1, message.createdAt);
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.payloadType = value;
                            else
                                delete message.payloadType;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.payloadSha256 = value;
                            else
                                delete message.payloadSha256;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 2)
                                break;
                            message.handling = $root.atc.v1.Handling.decode(reader, reader.size(), $undefined, _depth + 1, message.handling);
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.purpose = value;
                            else
                                delete message.purpose;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.legalBasis = value;
                            else
                                delete message.legalBasis;
                            continue;
                        }
                    case 12: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.urgency = value;
                            else
                                delete message.urgency;
                            continue;
                        }
                    case 13: {
                            if (wireType !== 2)
                                break;
                            message.replyDueAt = $root.google.protobuf.Timestamp.decode(reader, reader.size(), $undefined, _depth + 1, message.replyDueAt);
                            continue;
                        }
                    case 14: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.correlationId = value;
                            else
                                delete message.correlationId;
                            continue;
                        }
                    case 15: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.inReplyTo = value;
                            else
                                delete message.inReplyTo;
                            continue;
                        }
                    case 16: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.senderSequence = value;
                            else
                                delete message.senderSequence;
                            continue;
                        }
                    case 17: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.exercise = value;
                            else
                                delete message.exercise;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Header message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atc.v1.Header
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atc.v1.Header & atc.v1.Header.$Shape} Header
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Header.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Header message.
             * @function verify
             * @memberof atc.v1.Header
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Header.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.protocol != null && $Object.hasOwnProperty.call(message, "protocol"))
                    if (!$util.isInteger(message.protocol))
                        return "protocol: integer expected";
                if (message.messageId != null && $Object.hasOwnProperty.call(message, "messageId"))
                    if (!$util.isString(message.messageId))
                        return "messageId: string expected";
                if (message.sender != null && $Object.hasOwnProperty.call(message, "sender"))
                    if (!$util.isString(message.sender))
                        return "sender: string expected";
                if (message.recipients != null && $Object.hasOwnProperty.call(message, "recipients")) {
                    if (!$Array.isArray(message.recipients))
                        return "recipients: array expected";
                    for (let i = 0; i < message.recipients.length; ++i)
                        if (!$util.isString(message.recipients[i]))
                            return "recipients: string[] expected";
                }
                if (message.broadcast != null && $Object.hasOwnProperty.call(message, "broadcast"))
                    if (typeof message.broadcast !== "boolean")
                        return "broadcast: boolean expected";
                if (message.createdAt != null && $Object.hasOwnProperty.call(message, "createdAt")) {
                    let error = $root.google.protobuf.Timestamp.verify(message.createdAt, _depth + 1);
                    if (error)
                        return "createdAt." + error;
                }
                if (message.payloadType != null && $Object.hasOwnProperty.call(message, "payloadType"))
                    if (!$util.isString(message.payloadType))
                        return "payloadType: string expected";
                if (message.payloadSha256 != null && $Object.hasOwnProperty.call(message, "payloadSha256"))
                    if (!(message.payloadSha256 && typeof message.payloadSha256.length === "number" || $util.isString(message.payloadSha256)))
                        return "payloadSha256: buffer expected";
                if (message.handling != null && $Object.hasOwnProperty.call(message, "handling")) {
                    let error = $root.atc.v1.Handling.verify(message.handling, _depth + 1);
                    if (error)
                        return "handling." + error;
                }
                if (message.purpose != null && $Object.hasOwnProperty.call(message, "purpose"))
                    if (!$util.isString(message.purpose))
                        return "purpose: string expected";
                if (message.legalBasis != null && $Object.hasOwnProperty.call(message, "legalBasis"))
                    if (!$util.isString(message.legalBasis))
                        return "legalBasis: string expected";
                if (message.urgency != null && $Object.hasOwnProperty.call(message, "urgency"))
                    if (typeof message.urgency !== "number" || (message.urgency | 0) !== message.urgency)
                        return "urgency: enum value expected";
                if (message.replyDueAt != null && $Object.hasOwnProperty.call(message, "replyDueAt")) {
                    let error = $root.google.protobuf.Timestamp.verify(message.replyDueAt, _depth + 1);
                    if (error)
                        return "replyDueAt." + error;
                }
                if (message.correlationId != null && $Object.hasOwnProperty.call(message, "correlationId"))
                    if (!$util.isString(message.correlationId))
                        return "correlationId: string expected";
                if (message.inReplyTo != null && $Object.hasOwnProperty.call(message, "inReplyTo"))
                    if (!$util.isString(message.inReplyTo))
                        return "inReplyTo: string expected";
                if (message.senderSequence != null && $Object.hasOwnProperty.call(message, "senderSequence"))
                    if (!$util.isInteger(message.senderSequence) && !(message.senderSequence && $util.isInteger(message.senderSequence.low) && $util.isInteger(message.senderSequence.high)))
                        return "senderSequence: integer|Long expected";
                if (message.exercise != null && $Object.hasOwnProperty.call(message, "exercise"))
                    if (typeof message.exercise !== "boolean")
                        return "exercise: boolean expected";
                return null;
            };

            /**
             * Creates a Header message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof atc.v1.Header
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {atc.v1.Header} Header
             */
            Header.fromObject = function (object, _depth) {
                if (object instanceof $root.atc.v1.Header)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".atc.v1.Header: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.atc.v1.Header();
                if (object.protocol != null)
                    if ($Number(object.protocol) !== 0)
                        message.protocol = object.protocol >>> 0;
                if (object.messageId != null)
                    if (typeof object.messageId !== "string" || object.messageId.length)
                        message.messageId = $String(object.messageId);
                if (object.sender != null)
                    if (typeof object.sender !== "string" || object.sender.length)
                        message.sender = $String(object.sender);
                if (object.recipients) {
                    if (!$Array.isArray(object.recipients))
                        throw $TypeError(".atc.v1.Header.recipients: array expected");
                    message.recipients = $Array(object.recipients.length);
                    for (let i = 0; i < object.recipients.length; ++i)
                        message.recipients[i] = $String(object.recipients[i]);
                }
                if (object.broadcast != null)
                    if (object.broadcast)
                        message.broadcast = $Boolean(object.broadcast);
                if (object.createdAt != null) {
                    if (!$util.isObject(object.createdAt))
                        throw $TypeError(".atc.v1.Header.createdAt: object expected");
                    message.createdAt = $root.google.protobuf.Timestamp.fromObject(object.createdAt, _depth + 1);
                }
                if (object.payloadType != null)
                    if (typeof object.payloadType !== "string" || object.payloadType.length)
                        message.payloadType = $String(object.payloadType);
                if (object.payloadSha256 != null)
                    if (object.payloadSha256.length)
                        if (typeof object.payloadSha256 === "string")
                            $util.base64.decode(object.payloadSha256, message.payloadSha256 = $util.newBuffer($util.base64.length(object.payloadSha256)), 0);
                        else if (object.payloadSha256.length >= 0)
                            message.payloadSha256 = object.payloadSha256;
                if (object.handling != null) {
                    if (!$util.isObject(object.handling))
                        throw $TypeError(".atc.v1.Header.handling: object expected");
                    message.handling = $root.atc.v1.Handling.fromObject(object.handling, _depth + 1);
                }
                if (object.purpose != null)
                    if (typeof object.purpose !== "string" || object.purpose.length)
                        message.purpose = $String(object.purpose);
                if (object.legalBasis != null)
                    if (typeof object.legalBasis !== "string" || object.legalBasis.length)
                        message.legalBasis = $String(object.legalBasis);
                if (object.urgency !== 0 && (typeof object.urgency !== "string" || $root.atc.v1.Urgency[object.urgency] !== 0))
                    switch (object.urgency) {
                    case "URGENCY_UNSPECIFIED":
                    case 0:
                        message.urgency = 0;
                        break;
                    case "URGENCY_IMMEDIATE":
                    case 1:
                        message.urgency = 1;
                        break;
                    case "URGENCY_URGENT":
                    case 2:
                        message.urgency = 2;
                        break;
                    case "URGENCY_NORMAL":
                    case 3:
                        message.urgency = 3;
                        break;
                    default:
                        if (typeof object.urgency === "number" && (object.urgency | 0) === object.urgency)
                            message.urgency = object.urgency;
                    }
                if (object.replyDueAt != null) {
                    if (!$util.isObject(object.replyDueAt))
                        throw $TypeError(".atc.v1.Header.replyDueAt: object expected");
                    message.replyDueAt = $root.google.protobuf.Timestamp.fromObject(object.replyDueAt, _depth + 1);
                }
                if (object.correlationId != null)
                    if (typeof object.correlationId !== "string" || object.correlationId.length)
                        message.correlationId = $String(object.correlationId);
                if (object.inReplyTo != null)
                    if (typeof object.inReplyTo !== "string" || object.inReplyTo.length)
                        message.inReplyTo = $String(object.inReplyTo);
                if (object.senderSequence != null)
                    if (typeof object.senderSequence === "object" ? object.senderSequence.low || object.senderSequence.high : $Number(object.senderSequence) !== 0)
                        if ($util.Long)
                            message.senderSequence = $util.Long.fromValue(object.senderSequence, true);
                        else if (typeof object.senderSequence === "string")
                            message.senderSequence = $parseInt(object.senderSequence, 10);
                        else if (typeof object.senderSequence === "number")
                            message.senderSequence = object.senderSequence;
                        else if (typeof object.senderSequence === "object")
                            message.senderSequence = new $util.LongBits(object.senderSequence.low >>> 0, object.senderSequence.high >>> 0).toNumber(true);
                if (object.exercise != null)
                    if (object.exercise)
                        message.exercise = $Boolean(object.exercise);
                return message;
            };

            /**
             * Creates a plain object from a Header message. Also converts values to other types if specified.
             * @function toObject
             * @memberof atc.v1.Header
             * @static
             * @param {atc.v1.Header} message Header
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Header.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.recipients = [];
                if (options.defaults) {
                    object.protocol = 0;
                    object.messageId = "";
                    object.sender = "";
                    object.broadcast = false;
                    object.createdAt = null;
                    object.payloadType = "";
                    if (options.bytes === $String)
                        object.payloadSha256 = "";
                    else {
                        object.payloadSha256 = [];
                        if (options.bytes !== $Array)
                            object.payloadSha256 = $util.newBuffer(object.payloadSha256);
                    }
                    object.handling = null;
                    object.purpose = "";
                    object.legalBasis = "";
                    object.urgency = options.enums === $String ? "URGENCY_UNSPECIFIED" : 0;
                    object.replyDueAt = null;
                    object.correlationId = "";
                    object.inReplyTo = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.senderSequence = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.senderSequence = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.exercise = false;
                }
                if (message.protocol != null && $Object.hasOwnProperty.call(message, "protocol"))
                    object.protocol = message.protocol;
                if (message.messageId != null && $Object.hasOwnProperty.call(message, "messageId"))
                    object.messageId = message.messageId;
                if (message.sender != null && $Object.hasOwnProperty.call(message, "sender"))
                    object.sender = message.sender;
                if (message.recipients && message.recipients.length) {
                    object.recipients = $Array(message.recipients.length);
                    for (let j = 0; j < message.recipients.length; ++j)
                        object.recipients[j] = message.recipients[j];
                }
                if (message.broadcast != null && $Object.hasOwnProperty.call(message, "broadcast"))
                    object.broadcast = message.broadcast;
                if (message.createdAt != null && $Object.hasOwnProperty.call(message, "createdAt"))
                    object.createdAt = $root.google.protobuf.Timestamp.toObject(message.createdAt, options, _depth + 1);
                if (message.payloadType != null && $Object.hasOwnProperty.call(message, "payloadType"))
                    object.payloadType = message.payloadType;
                if (message.payloadSha256 != null && $Object.hasOwnProperty.call(message, "payloadSha256"))
                    object.payloadSha256 = options.bytes === $String ? $util.base64.encode(message.payloadSha256, 0, message.payloadSha256.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.payloadSha256) : message.payloadSha256;
                if (message.handling != null && $Object.hasOwnProperty.call(message, "handling"))
                    object.handling = $root.atc.v1.Handling.toObject(message.handling, options, _depth + 1);
                if (message.purpose != null && $Object.hasOwnProperty.call(message, "purpose"))
                    object.purpose = message.purpose;
                if (message.legalBasis != null && $Object.hasOwnProperty.call(message, "legalBasis"))
                    object.legalBasis = message.legalBasis;
                if (message.urgency != null && $Object.hasOwnProperty.call(message, "urgency"))
                    object.urgency = options.enums === $String ? $root.atc.v1.Urgency[message.urgency] === $undefined ? message.urgency : $root.atc.v1.Urgency[message.urgency] : message.urgency;
                if (message.replyDueAt != null && $Object.hasOwnProperty.call(message, "replyDueAt"))
                    object.replyDueAt = $root.google.protobuf.Timestamp.toObject(message.replyDueAt, options, _depth + 1);
                if (message.correlationId != null && $Object.hasOwnProperty.call(message, "correlationId"))
                    object.correlationId = message.correlationId;
                if (message.inReplyTo != null && $Object.hasOwnProperty.call(message, "inReplyTo"))
                    object.inReplyTo = message.inReplyTo;
                if (message.senderSequence != null && $Object.hasOwnProperty.call(message, "senderSequence"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.senderSequence = typeof message.senderSequence === "number" ? $BigInt(message.senderSequence) : $util.Long.fromBits(message.senderSequence.low >>> 0, message.senderSequence.high >>> 0, true).toBigInt();
                    else if (typeof message.senderSequence === "number")
                        object.senderSequence = options.longs === $String ? $String(message.senderSequence) : message.senderSequence;
                    else
                        object.senderSequence = options.longs === $String ? $util.Long.prototype.toString.call(message.senderSequence) : options.longs === $Number ? new $util.LongBits(message.senderSequence.low >>> 0, message.senderSequence.high >>> 0).toNumber(true) : message.senderSequence;
                if (message.exercise != null && $Object.hasOwnProperty.call(message, "exercise"))
                    object.exercise = message.exercise;
                return object;
            };

            /**
             * Converts this Header to JSON.
             * @function toJSON
             * @memberof atc.v1.Header
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Header.prototype.toJSON = function() {
                return Header.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Header
             * @function getTypeUrl
             * @memberof atc.v1.Header
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Header.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atc.v1.Header";
            };

            return Header;
        })();

        v1.Handling = (function() {

            /**
             * Properties of a Handling.
             * @typedef {Object} atc.v1.Handling.$Properties
             * @property {atc.v1.TlpLevel|null} [tlp] Handling tlp
             * @property {boolean|null} [noOnwardTransmission] Handling noOnwardTransmission
             * @property {boolean|null} [noJudicialUse] Handling noJudicialUse
             * @property {string|null} [otherConditions] Handling otherConditions
             * @property {atc.v1.SourceReliability|null} [sourceReliability] Handling sourceReliability
             * @property {atc.v1.InformationAssessment|null} [informationAssessment] Handling informationAssessment
             * @property {google.protobuf.Timestamp.$Properties|null} [reviewBy] Handling reviewBy
             * @property {boolean|null} [hitNoHitOnly] Handling hitNoHitOnly
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Handling.
             * @memberof atc.v1
             * @interface IHandling
             * @augments atc.v1.Handling.$Properties
             * @deprecated Use atc.v1.Handling.$Properties instead.
             */

            /**
             * Shape of a Handling.
             * @typedef {atc.v1.Handling.$Properties} atc.v1.Handling.$Shape
             */

            /**
             * Constructs a new Handling.
             * @memberof atc.v1
             * @classdesc Represents a Handling.
             * @constructor
             * @param {atc.v1.Handling.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Handling = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Handling tlp.
             * @member {atc.v1.TlpLevel} tlp
             * @memberof atc.v1.Handling
             * @instance
             */
            Handling.prototype.tlp = 0;

            /**
             * Handling noOnwardTransmission.
             * @member {boolean} noOnwardTransmission
             * @memberof atc.v1.Handling
             * @instance
             */
            Handling.prototype.noOnwardTransmission = false;

            /**
             * Handling noJudicialUse.
             * @member {boolean} noJudicialUse
             * @memberof atc.v1.Handling
             * @instance
             */
            Handling.prototype.noJudicialUse = false;

            /**
             * Handling otherConditions.
             * @member {string} otherConditions
             * @memberof atc.v1.Handling
             * @instance
             */
            Handling.prototype.otherConditions = "";

            /**
             * Handling sourceReliability.
             * @member {atc.v1.SourceReliability} sourceReliability
             * @memberof atc.v1.Handling
             * @instance
             */
            Handling.prototype.sourceReliability = 0;

            /**
             * Handling informationAssessment.
             * @member {atc.v1.InformationAssessment} informationAssessment
             * @memberof atc.v1.Handling
             * @instance
             */
            Handling.prototype.informationAssessment = 0;

            /**
             * Handling reviewBy.
             * @member {google.protobuf.Timestamp.$Properties|null|undefined} reviewBy
             * @memberof atc.v1.Handling
             * @instance
             */
            Handling.prototype.reviewBy = null;

            /**
             * Handling hitNoHitOnly.
             * @member {boolean} hitNoHitOnly
             * @memberof atc.v1.Handling
             * @instance
             */
            Handling.prototype.hitNoHitOnly = false;

            /**
             * Creates a new Handling instance using the specified properties.
             * @function create
             * @memberof atc.v1.Handling
             * @static
             * @param {atc.v1.Handling.$Properties=} [properties] Properties to set
             * @returns {atc.v1.Handling} Handling instance
             * @type {{
             *   (properties: atc.v1.Handling.$Shape): atc.v1.Handling & atc.v1.Handling.$Shape;
             *   (properties?: atc.v1.Handling.$Properties): atc.v1.Handling;
             * }}
             */
            Handling.create = function(properties) {
                return new Handling(properties);
            };

            /**
             * Encodes the specified Handling message. Does not implicitly {@link atc.v1.Handling.verify|verify} messages.
             * @function encode
             * @memberof atc.v1.Handling
             * @static
             * @param {atc.v1.Handling.$Properties} message Handling message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Handling.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.tlp != null && $Object.hasOwnProperty.call(message, "tlp") && message.tlp !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.tlp);
                if (message.noOnwardTransmission != null && $Object.hasOwnProperty.call(message, "noOnwardTransmission") && message.noOnwardTransmission !== false)
                    writer.uint32(/* id 2, wireType 0 =*/16).bool(message.noOnwardTransmission);
                if (message.noJudicialUse != null && $Object.hasOwnProperty.call(message, "noJudicialUse") && message.noJudicialUse !== false)
                    writer.uint32(/* id 3, wireType 0 =*/24).bool(message.noJudicialUse);
                if (message.otherConditions != null && $Object.hasOwnProperty.call(message, "otherConditions") && message.otherConditions !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.otherConditions);
                if (message.sourceReliability != null && $Object.hasOwnProperty.call(message, "sourceReliability") && message.sourceReliability !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).int32(message.sourceReliability);
                if (message.informationAssessment != null && $Object.hasOwnProperty.call(message, "informationAssessment") && message.informationAssessment !== 0)
                    writer.uint32(/* id 6, wireType 0 =*/48).int32(message.informationAssessment);
                if (message.reviewBy != null && $Object.hasOwnProperty.call(message, "reviewBy"))
                    $root.google.protobuf.Timestamp.encode(message.reviewBy, writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
                if (message.hitNoHitOnly != null && $Object.hasOwnProperty.call(message, "hitNoHitOnly") && message.hitNoHitOnly !== false)
                    writer.uint32(/* id 8, wireType 0 =*/64).bool(message.hitNoHitOnly);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Handling message, length delimited. Does not implicitly {@link atc.v1.Handling.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atc.v1.Handling
             * @static
             * @param {atc.v1.Handling.$Properties} message Handling message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Handling.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Handling message from the specified reader or buffer.
             * @function decode
             * @memberof atc.v1.Handling
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {atc.v1.Handling & atc.v1.Handling.$Shape} Handling
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Handling.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.atc.v1.Handling();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.tlp = value;
                            else
                                delete message.tlp;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.noOnwardTransmission = value;
                            else
                                delete message.noOnwardTransmission;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.noJudicialUse = value;
                            else
                                delete message.noJudicialUse;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.otherConditions = value;
                            else
                                delete message.otherConditions;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.sourceReliability = value;
                            else
                                delete message.sourceReliability;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.informationAssessment = value;
                            else
                                delete message.informationAssessment;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            message.reviewBy = $root.google.protobuf.Timestamp.decode(reader, reader.size(), $undefined, _depth + 1, message.reviewBy);
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.hitNoHitOnly = value;
                            else
                                delete message.hitNoHitOnly;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Handling message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atc.v1.Handling
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atc.v1.Handling & atc.v1.Handling.$Shape} Handling
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Handling.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Handling message.
             * @function verify
             * @memberof atc.v1.Handling
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Handling.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.tlp != null && $Object.hasOwnProperty.call(message, "tlp"))
                    if (typeof message.tlp !== "number" || (message.tlp | 0) !== message.tlp)
                        return "tlp: enum value expected";
                if (message.noOnwardTransmission != null && $Object.hasOwnProperty.call(message, "noOnwardTransmission"))
                    if (typeof message.noOnwardTransmission !== "boolean")
                        return "noOnwardTransmission: boolean expected";
                if (message.noJudicialUse != null && $Object.hasOwnProperty.call(message, "noJudicialUse"))
                    if (typeof message.noJudicialUse !== "boolean")
                        return "noJudicialUse: boolean expected";
                if (message.otherConditions != null && $Object.hasOwnProperty.call(message, "otherConditions"))
                    if (!$util.isString(message.otherConditions))
                        return "otherConditions: string expected";
                if (message.sourceReliability != null && $Object.hasOwnProperty.call(message, "sourceReliability"))
                    if (typeof message.sourceReliability !== "number" || (message.sourceReliability | 0) !== message.sourceReliability)
                        return "sourceReliability: enum value expected";
                if (message.informationAssessment != null && $Object.hasOwnProperty.call(message, "informationAssessment"))
                    if (typeof message.informationAssessment !== "number" || (message.informationAssessment | 0) !== message.informationAssessment)
                        return "informationAssessment: enum value expected";
                if (message.reviewBy != null && $Object.hasOwnProperty.call(message, "reviewBy")) {
                    let error = $root.google.protobuf.Timestamp.verify(message.reviewBy, _depth + 1);
                    if (error)
                        return "reviewBy." + error;
                }
                if (message.hitNoHitOnly != null && $Object.hasOwnProperty.call(message, "hitNoHitOnly"))
                    if (typeof message.hitNoHitOnly !== "boolean")
                        return "hitNoHitOnly: boolean expected";
                return null;
            };

            /**
             * Creates a Handling message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof atc.v1.Handling
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {atc.v1.Handling} Handling
             */
            Handling.fromObject = function (object, _depth) {
                if (object instanceof $root.atc.v1.Handling)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".atc.v1.Handling: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.atc.v1.Handling();
                if (object.tlp !== 0 && (typeof object.tlp !== "string" || $root.atc.v1.TlpLevel[object.tlp] !== 0))
                    switch (object.tlp) {
                    case "TLP_LEVEL_UNSPECIFIED":
                    case 0:
                        message.tlp = 0;
                        break;
                    case "TLP_LEVEL_CLEAR":
                    case 1:
                        message.tlp = 1;
                        break;
                    case "TLP_LEVEL_GREEN":
                    case 2:
                        message.tlp = 2;
                        break;
                    case "TLP_LEVEL_AMBER":
                    case 3:
                        message.tlp = 3;
                        break;
                    case "TLP_LEVEL_AMBER_STRICT":
                    case 4:
                        message.tlp = 4;
                        break;
                    case "TLP_LEVEL_RED":
                    case 5:
                        message.tlp = 5;
                        break;
                    default:
                        if (typeof object.tlp === "number" && (object.tlp | 0) === object.tlp)
                            message.tlp = object.tlp;
                    }
                if (object.noOnwardTransmission != null)
                    if (object.noOnwardTransmission)
                        message.noOnwardTransmission = $Boolean(object.noOnwardTransmission);
                if (object.noJudicialUse != null)
                    if (object.noJudicialUse)
                        message.noJudicialUse = $Boolean(object.noJudicialUse);
                if (object.otherConditions != null)
                    if (typeof object.otherConditions !== "string" || object.otherConditions.length)
                        message.otherConditions = $String(object.otherConditions);
                if (object.sourceReliability !== 0 && (typeof object.sourceReliability !== "string" || $root.atc.v1.SourceReliability[object.sourceReliability] !== 0))
                    switch (object.sourceReliability) {
                    case "SOURCE_RELIABILITY_UNSPECIFIED":
                    case 0:
                        message.sourceReliability = 0;
                        break;
                    case "SOURCE_RELIABILITY_A":
                    case 1:
                        message.sourceReliability = 1;
                        break;
                    case "SOURCE_RELIABILITY_B":
                    case 2:
                        message.sourceReliability = 2;
                        break;
                    case "SOURCE_RELIABILITY_C":
                    case 3:
                        message.sourceReliability = 3;
                        break;
                    case "SOURCE_RELIABILITY_X":
                    case 4:
                        message.sourceReliability = 4;
                        break;
                    default:
                        if (typeof object.sourceReliability === "number" && (object.sourceReliability | 0) === object.sourceReliability)
                            message.sourceReliability = object.sourceReliability;
                    }
                if (object.informationAssessment !== 0 && (typeof object.informationAssessment !== "string" || $root.atc.v1.InformationAssessment[object.informationAssessment] !== 0))
                    switch (object.informationAssessment) {
                    case "INFORMATION_ASSESSMENT_UNSPECIFIED":
                    case 0:
                        message.informationAssessment = 0;
                        break;
                    case "INFORMATION_ASSESSMENT_1":
                    case 1:
                        message.informationAssessment = 1;
                        break;
                    case "INFORMATION_ASSESSMENT_2":
                    case 2:
                        message.informationAssessment = 2;
                        break;
                    case "INFORMATION_ASSESSMENT_3":
                    case 3:
                        message.informationAssessment = 3;
                        break;
                    case "INFORMATION_ASSESSMENT_4":
                    case 4:
                        message.informationAssessment = 4;
                        break;
                    default:
                        if (typeof object.informationAssessment === "number" && (object.informationAssessment | 0) === object.informationAssessment)
                            message.informationAssessment = object.informationAssessment;
                    }
                if (object.reviewBy != null) {
                    if (!$util.isObject(object.reviewBy))
                        throw $TypeError(".atc.v1.Handling.reviewBy: object expected");
                    message.reviewBy = $root.google.protobuf.Timestamp.fromObject(object.reviewBy, _depth + 1);
                }
                if (object.hitNoHitOnly != null)
                    if (object.hitNoHitOnly)
                        message.hitNoHitOnly = $Boolean(object.hitNoHitOnly);
                return message;
            };

            /**
             * Creates a plain object from a Handling message. Also converts values to other types if specified.
             * @function toObject
             * @memberof atc.v1.Handling
             * @static
             * @param {atc.v1.Handling} message Handling
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Handling.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.tlp = options.enums === $String ? "TLP_LEVEL_UNSPECIFIED" : 0;
                    object.noOnwardTransmission = false;
                    object.noJudicialUse = false;
                    object.otherConditions = "";
                    object.sourceReliability = options.enums === $String ? "SOURCE_RELIABILITY_UNSPECIFIED" : 0;
                    object.informationAssessment = options.enums === $String ? "INFORMATION_ASSESSMENT_UNSPECIFIED" : 0;
                    object.reviewBy = null;
                    object.hitNoHitOnly = false;
                }
                if (message.tlp != null && $Object.hasOwnProperty.call(message, "tlp"))
                    object.tlp = options.enums === $String ? $root.atc.v1.TlpLevel[message.tlp] === $undefined ? message.tlp : $root.atc.v1.TlpLevel[message.tlp] : message.tlp;
                if (message.noOnwardTransmission != null && $Object.hasOwnProperty.call(message, "noOnwardTransmission"))
                    object.noOnwardTransmission = message.noOnwardTransmission;
                if (message.noJudicialUse != null && $Object.hasOwnProperty.call(message, "noJudicialUse"))
                    object.noJudicialUse = message.noJudicialUse;
                if (message.otherConditions != null && $Object.hasOwnProperty.call(message, "otherConditions"))
                    object.otherConditions = message.otherConditions;
                if (message.sourceReliability != null && $Object.hasOwnProperty.call(message, "sourceReliability"))
                    object.sourceReliability = options.enums === $String ? $root.atc.v1.SourceReliability[message.sourceReliability] === $undefined ? message.sourceReliability : $root.atc.v1.SourceReliability[message.sourceReliability] : message.sourceReliability;
                if (message.informationAssessment != null && $Object.hasOwnProperty.call(message, "informationAssessment"))
                    object.informationAssessment = options.enums === $String ? $root.atc.v1.InformationAssessment[message.informationAssessment] === $undefined ? message.informationAssessment : $root.atc.v1.InformationAssessment[message.informationAssessment] : message.informationAssessment;
                if (message.reviewBy != null && $Object.hasOwnProperty.call(message, "reviewBy"))
                    object.reviewBy = $root.google.protobuf.Timestamp.toObject(message.reviewBy, options, _depth + 1);
                if (message.hitNoHitOnly != null && $Object.hasOwnProperty.call(message, "hitNoHitOnly"))
                    object.hitNoHitOnly = message.hitNoHitOnly;
                return object;
            };

            /**
             * Converts this Handling to JSON.
             * @function toJSON
             * @memberof atc.v1.Handling
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Handling.prototype.toJSON = function() {
                return Handling.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Handling
             * @function getTypeUrl
             * @memberof atc.v1.Handling
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Handling.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atc.v1.Handling";
            };

            return Handling;
        })();

        /**
         * TlpLevel enum.
         * @name atc.v1.TlpLevel
         * @enum {number}
         * @property {number} TLP_LEVEL_UNSPECIFIED=0 TLP_LEVEL_UNSPECIFIED value
         * @property {number} TLP_LEVEL_CLEAR=1 TLP_LEVEL_CLEAR value
         * @property {number} TLP_LEVEL_GREEN=2 TLP_LEVEL_GREEN value
         * @property {number} TLP_LEVEL_AMBER=3 TLP_LEVEL_AMBER value
         * @property {number} TLP_LEVEL_AMBER_STRICT=4 TLP_LEVEL_AMBER_STRICT value
         * @property {number} TLP_LEVEL_RED=5 TLP_LEVEL_RED value
         */
        v1.TlpLevel = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "TLP_LEVEL_UNSPECIFIED"] = 0;
            values[valuesById[1] = "TLP_LEVEL_CLEAR"] = 1;
            values[valuesById[2] = "TLP_LEVEL_GREEN"] = 2;
            values[valuesById[3] = "TLP_LEVEL_AMBER"] = 3;
            values[valuesById[4] = "TLP_LEVEL_AMBER_STRICT"] = 4;
            values[valuesById[5] = "TLP_LEVEL_RED"] = 5;
            return values;
        })();

        /**
         * SourceReliability enum.
         * @name atc.v1.SourceReliability
         * @enum {number}
         * @property {number} SOURCE_RELIABILITY_UNSPECIFIED=0 SOURCE_RELIABILITY_UNSPECIFIED value
         * @property {number} SOURCE_RELIABILITY_A=1 SOURCE_RELIABILITY_A value
         * @property {number} SOURCE_RELIABILITY_B=2 SOURCE_RELIABILITY_B value
         * @property {number} SOURCE_RELIABILITY_C=3 SOURCE_RELIABILITY_C value
         * @property {number} SOURCE_RELIABILITY_X=4 SOURCE_RELIABILITY_X value
         */
        v1.SourceReliability = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "SOURCE_RELIABILITY_UNSPECIFIED"] = 0;
            values[valuesById[1] = "SOURCE_RELIABILITY_A"] = 1;
            values[valuesById[2] = "SOURCE_RELIABILITY_B"] = 2;
            values[valuesById[3] = "SOURCE_RELIABILITY_C"] = 3;
            values[valuesById[4] = "SOURCE_RELIABILITY_X"] = 4;
            return values;
        })();

        /**
         * InformationAssessment enum.
         * @name atc.v1.InformationAssessment
         * @enum {number}
         * @property {number} INFORMATION_ASSESSMENT_UNSPECIFIED=0 INFORMATION_ASSESSMENT_UNSPECIFIED value
         * @property {number} INFORMATION_ASSESSMENT_1=1 INFORMATION_ASSESSMENT_1 value
         * @property {number} INFORMATION_ASSESSMENT_2=2 INFORMATION_ASSESSMENT_2 value
         * @property {number} INFORMATION_ASSESSMENT_3=3 INFORMATION_ASSESSMENT_3 value
         * @property {number} INFORMATION_ASSESSMENT_4=4 INFORMATION_ASSESSMENT_4 value
         */
        v1.InformationAssessment = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "INFORMATION_ASSESSMENT_UNSPECIFIED"] = 0;
            values[valuesById[1] = "INFORMATION_ASSESSMENT_1"] = 1;
            values[valuesById[2] = "INFORMATION_ASSESSMENT_2"] = 2;
            values[valuesById[3] = "INFORMATION_ASSESSMENT_3"] = 3;
            values[valuesById[4] = "INFORMATION_ASSESSMENT_4"] = 4;
            return values;
        })();

        /**
         * Urgency enum.
         * @name atc.v1.Urgency
         * @enum {number}
         * @property {number} URGENCY_UNSPECIFIED=0 URGENCY_UNSPECIFIED value
         * @property {number} URGENCY_IMMEDIATE=1 URGENCY_IMMEDIATE value
         * @property {number} URGENCY_URGENT=2 URGENCY_URGENT value
         * @property {number} URGENCY_NORMAL=3 URGENCY_NORMAL value
         */
        v1.Urgency = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "URGENCY_UNSPECIFIED"] = 0;
            values[valuesById[1] = "URGENCY_IMMEDIATE"] = 1;
            values[valuesById[2] = "URGENCY_URGENT"] = 2;
            values[valuesById[3] = "URGENCY_NORMAL"] = 3;
            return values;
        })();

        v1.PartialDate = (function() {

            /**
             * Properties of a PartialDate.
             * @typedef {Object} atc.v1.PartialDate.$Properties
             * @property {number|null} [year] PartialDate year
             * @property {number|null} [month] PartialDate month
             * @property {number|null} [day] PartialDate day
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PartialDate.
             * @memberof atc.v1
             * @interface IPartialDate
             * @augments atc.v1.PartialDate.$Properties
             * @deprecated Use atc.v1.PartialDate.$Properties instead.
             */

            /**
             * Shape of a PartialDate.
             * @typedef {atc.v1.PartialDate.$Properties} atc.v1.PartialDate.$Shape
             */

            /**
             * Constructs a new PartialDate.
             * @memberof atc.v1
             * @classdesc Represents a PartialDate.
             * @constructor
             * @param {atc.v1.PartialDate.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PartialDate = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * PartialDate year.
             * @member {number} year
             * @memberof atc.v1.PartialDate
             * @instance
             */
            PartialDate.prototype.year = 0;

            /**
             * PartialDate month.
             * @member {number} month
             * @memberof atc.v1.PartialDate
             * @instance
             */
            PartialDate.prototype.month = 0;

            /**
             * PartialDate day.
             * @member {number} day
             * @memberof atc.v1.PartialDate
             * @instance
             */
            PartialDate.prototype.day = 0;

            /**
             * Creates a new PartialDate instance using the specified properties.
             * @function create
             * @memberof atc.v1.PartialDate
             * @static
             * @param {atc.v1.PartialDate.$Properties=} [properties] Properties to set
             * @returns {atc.v1.PartialDate} PartialDate instance
             * @type {{
             *   (properties: atc.v1.PartialDate.$Shape): atc.v1.PartialDate & atc.v1.PartialDate.$Shape;
             *   (properties?: atc.v1.PartialDate.$Properties): atc.v1.PartialDate;
             * }}
             */
            PartialDate.create = function(properties) {
                return new PartialDate(properties);
            };

            /**
             * Encodes the specified PartialDate message. Does not implicitly {@link atc.v1.PartialDate.verify|verify} messages.
             * @function encode
             * @memberof atc.v1.PartialDate
             * @static
             * @param {atc.v1.PartialDate.$Properties} message PartialDate message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PartialDate.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.year != null && $Object.hasOwnProperty.call(message, "year") && message.year !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.year);
                if (message.month != null && $Object.hasOwnProperty.call(message, "month") && message.month !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.month);
                if (message.day != null && $Object.hasOwnProperty.call(message, "day") && message.day !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.day);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified PartialDate message, length delimited. Does not implicitly {@link atc.v1.PartialDate.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atc.v1.PartialDate
             * @static
             * @param {atc.v1.PartialDate.$Properties} message PartialDate message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PartialDate.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a PartialDate message from the specified reader or buffer.
             * @function decode
             * @memberof atc.v1.PartialDate
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {atc.v1.PartialDate & atc.v1.PartialDate.$Shape} PartialDate
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PartialDate.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.atc.v1.PartialDate();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.year = value;
                            else
                                delete message.year;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.month = value;
                            else
                                delete message.month;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.day = value;
                            else
                                delete message.day;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a PartialDate message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atc.v1.PartialDate
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atc.v1.PartialDate & atc.v1.PartialDate.$Shape} PartialDate
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PartialDate.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a PartialDate message.
             * @function verify
             * @memberof atc.v1.PartialDate
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            PartialDate.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.year != null && $Object.hasOwnProperty.call(message, "year"))
                    if (!$util.isInteger(message.year))
                        return "year: integer expected";
                if (message.month != null && $Object.hasOwnProperty.call(message, "month"))
                    if (!$util.isInteger(message.month))
                        return "month: integer expected";
                if (message.day != null && $Object.hasOwnProperty.call(message, "day"))
                    if (!$util.isInteger(message.day))
                        return "day: integer expected";
                return null;
            };

            /**
             * Creates a PartialDate message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof atc.v1.PartialDate
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {atc.v1.PartialDate} PartialDate
             */
            PartialDate.fromObject = function (object, _depth) {
                if (object instanceof $root.atc.v1.PartialDate)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".atc.v1.PartialDate: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.atc.v1.PartialDate();
                if (object.year != null)
                    if ($Number(object.year) !== 0)
                        message.year = object.year >>> 0;
                if (object.month != null)
                    if ($Number(object.month) !== 0)
                        message.month = object.month >>> 0;
                if (object.day != null)
                    if ($Number(object.day) !== 0)
                        message.day = object.day >>> 0;
                return message;
            };

            /**
             * Creates a plain object from a PartialDate message. Also converts values to other types if specified.
             * @function toObject
             * @memberof atc.v1.PartialDate
             * @static
             * @param {atc.v1.PartialDate} message PartialDate
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            PartialDate.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.year = 0;
                    object.month = 0;
                    object.day = 0;
                }
                if (message.year != null && $Object.hasOwnProperty.call(message, "year"))
                    object.year = message.year;
                if (message.month != null && $Object.hasOwnProperty.call(message, "month"))
                    object.month = message.month;
                if (message.day != null && $Object.hasOwnProperty.call(message, "day"))
                    object.day = message.day;
                return object;
            };

            /**
             * Converts this PartialDate to JSON.
             * @function toJSON
             * @memberof atc.v1.PartialDate
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            PartialDate.prototype.toJSON = function() {
                return PartialDate.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for PartialDate
             * @function getTypeUrl
             * @memberof atc.v1.PartialDate
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            PartialDate.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atc.v1.PartialDate";
            };

            return PartialDate;
        })();

        v1.RecordRef = (function() {

            /**
             * Properties of a RecordRef.
             * @typedef {Object} atc.v1.RecordRef.$Properties
             * @property {string|null} [originator] RecordRef originator
             * @property {string|null} [recordId] RecordRef recordId
             * @property {number|null} [version] RecordRef version
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a RecordRef.
             * @memberof atc.v1
             * @interface IRecordRef
             * @augments atc.v1.RecordRef.$Properties
             * @deprecated Use atc.v1.RecordRef.$Properties instead.
             */

            /**
             * Shape of a RecordRef.
             * @typedef {atc.v1.RecordRef.$Properties} atc.v1.RecordRef.$Shape
             */

            /**
             * Constructs a new RecordRef.
             * @memberof atc.v1
             * @classdesc Represents a RecordRef.
             * @constructor
             * @param {atc.v1.RecordRef.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const RecordRef = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * RecordRef originator.
             * @member {string} originator
             * @memberof atc.v1.RecordRef
             * @instance
             */
            RecordRef.prototype.originator = "";

            /**
             * RecordRef recordId.
             * @member {string} recordId
             * @memberof atc.v1.RecordRef
             * @instance
             */
            RecordRef.prototype.recordId = "";

            /**
             * RecordRef version.
             * @member {number} version
             * @memberof atc.v1.RecordRef
             * @instance
             */
            RecordRef.prototype.version = 0;

            /**
             * Creates a new RecordRef instance using the specified properties.
             * @function create
             * @memberof atc.v1.RecordRef
             * @static
             * @param {atc.v1.RecordRef.$Properties=} [properties] Properties to set
             * @returns {atc.v1.RecordRef} RecordRef instance
             * @type {{
             *   (properties: atc.v1.RecordRef.$Shape): atc.v1.RecordRef & atc.v1.RecordRef.$Shape;
             *   (properties?: atc.v1.RecordRef.$Properties): atc.v1.RecordRef;
             * }}
             */
            RecordRef.create = function(properties) {
                return new RecordRef(properties);
            };

            /**
             * Encodes the specified RecordRef message. Does not implicitly {@link atc.v1.RecordRef.verify|verify} messages.
             * @function encode
             * @memberof atc.v1.RecordRef
             * @static
             * @param {atc.v1.RecordRef.$Properties} message RecordRef message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RecordRef.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.originator != null && $Object.hasOwnProperty.call(message, "originator") && message.originator !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.originator);
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId") && message.recordId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.recordId);
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.version);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified RecordRef message, length delimited. Does not implicitly {@link atc.v1.RecordRef.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atc.v1.RecordRef
             * @static
             * @param {atc.v1.RecordRef.$Properties} message RecordRef message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RecordRef.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a RecordRef message from the specified reader or buffer.
             * @function decode
             * @memberof atc.v1.RecordRef
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {atc.v1.RecordRef & atc.v1.RecordRef.$Shape} RecordRef
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RecordRef.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.atc.v1.RecordRef();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.originator = value;
                            else
                                delete message.originator;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.recordId = value;
                            else
                                delete message.recordId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a RecordRef message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atc.v1.RecordRef
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atc.v1.RecordRef & atc.v1.RecordRef.$Shape} RecordRef
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RecordRef.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a RecordRef message.
             * @function verify
             * @memberof atc.v1.RecordRef
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            RecordRef.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.originator != null && $Object.hasOwnProperty.call(message, "originator"))
                    if (!$util.isString(message.originator))
                        return "originator: string expected";
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId"))
                    if (!$util.isString(message.recordId))
                        return "recordId: string expected";
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    if (!$util.isInteger(message.version))
                        return "version: integer expected";
                return null;
            };

            /**
             * Creates a RecordRef message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof atc.v1.RecordRef
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {atc.v1.RecordRef} RecordRef
             */
            RecordRef.fromObject = function (object, _depth) {
                if (object instanceof $root.atc.v1.RecordRef)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".atc.v1.RecordRef: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.atc.v1.RecordRef();
                if (object.originator != null)
                    if (typeof object.originator !== "string" || object.originator.length)
                        message.originator = $String(object.originator);
                if (object.recordId != null)
                    if (typeof object.recordId !== "string" || object.recordId.length)
                        message.recordId = $String(object.recordId);
                if (object.version != null)
                    if ($Number(object.version) !== 0)
                        message.version = object.version >>> 0;
                return message;
            };

            /**
             * Creates a plain object from a RecordRef message. Also converts values to other types if specified.
             * @function toObject
             * @memberof atc.v1.RecordRef
             * @static
             * @param {atc.v1.RecordRef} message RecordRef
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            RecordRef.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.originator = "";
                    object.recordId = "";
                    object.version = 0;
                }
                if (message.originator != null && $Object.hasOwnProperty.call(message, "originator"))
                    object.originator = message.originator;
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId"))
                    object.recordId = message.recordId;
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    object.version = message.version;
                return object;
            };

            /**
             * Converts this RecordRef to JSON.
             * @function toJSON
             * @memberof atc.v1.RecordRef
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            RecordRef.prototype.toJSON = function() {
                return RecordRef.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for RecordRef
             * @function getTypeUrl
             * @memberof atc.v1.RecordRef
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            RecordRef.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atc.v1.RecordRef";
            };

            return RecordRef;
        })();

        v1.NamePart = (function() {

            /**
             * Properties of a NamePart.
             * @typedef {Object} atc.v1.NamePart.$Properties
             * @property {atc.v1.NamePartType|null} [type] NamePart type
             * @property {string|null} [value] NamePart value
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a NamePart.
             * @memberof atc.v1
             * @interface INamePart
             * @augments atc.v1.NamePart.$Properties
             * @deprecated Use atc.v1.NamePart.$Properties instead.
             */

            /**
             * Shape of a NamePart.
             * @typedef {atc.v1.NamePart.$Properties} atc.v1.NamePart.$Shape
             */

            /**
             * Constructs a new NamePart.
             * @memberof atc.v1
             * @classdesc Represents a NamePart.
             * @constructor
             * @param {atc.v1.NamePart.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const NamePart = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * NamePart type.
             * @member {atc.v1.NamePartType} type
             * @memberof atc.v1.NamePart
             * @instance
             */
            NamePart.prototype.type = 0;

            /**
             * NamePart value.
             * @member {string} value
             * @memberof atc.v1.NamePart
             * @instance
             */
            NamePart.prototype.value = "";

            /**
             * Creates a new NamePart instance using the specified properties.
             * @function create
             * @memberof atc.v1.NamePart
             * @static
             * @param {atc.v1.NamePart.$Properties=} [properties] Properties to set
             * @returns {atc.v1.NamePart} NamePart instance
             * @type {{
             *   (properties: atc.v1.NamePart.$Shape): atc.v1.NamePart & atc.v1.NamePart.$Shape;
             *   (properties?: atc.v1.NamePart.$Properties): atc.v1.NamePart;
             * }}
             */
            NamePart.create = function(properties) {
                return new NamePart(properties);
            };

            /**
             * Encodes the specified NamePart message. Does not implicitly {@link atc.v1.NamePart.verify|verify} messages.
             * @function encode
             * @memberof atc.v1.NamePart
             * @static
             * @param {atc.v1.NamePart.$Properties} message NamePart message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            NamePart.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.type != null && $Object.hasOwnProperty.call(message, "type") && message.type !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.type);
                if (message.value != null && $Object.hasOwnProperty.call(message, "value") && message.value !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.value);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified NamePart message, length delimited. Does not implicitly {@link atc.v1.NamePart.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atc.v1.NamePart
             * @static
             * @param {atc.v1.NamePart.$Properties} message NamePart message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            NamePart.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a NamePart message from the specified reader or buffer.
             * @function decode
             * @memberof atc.v1.NamePart
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {atc.v1.NamePart & atc.v1.NamePart.$Shape} NamePart
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            NamePart.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.atc.v1.NamePart();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.type = value;
                            else
                                delete message.type;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.value = value;
                            else
                                delete message.value;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a NamePart message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atc.v1.NamePart
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atc.v1.NamePart & atc.v1.NamePart.$Shape} NamePart
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            NamePart.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a NamePart message.
             * @function verify
             * @memberof atc.v1.NamePart
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            NamePart.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.type != null && $Object.hasOwnProperty.call(message, "type"))
                    if (typeof message.type !== "number" || (message.type | 0) !== message.type)
                        return "type: enum value expected";
                if (message.value != null && $Object.hasOwnProperty.call(message, "value"))
                    if (!$util.isString(message.value))
                        return "value: string expected";
                return null;
            };

            /**
             * Creates a NamePart message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof atc.v1.NamePart
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {atc.v1.NamePart} NamePart
             */
            NamePart.fromObject = function (object, _depth) {
                if (object instanceof $root.atc.v1.NamePart)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".atc.v1.NamePart: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.atc.v1.NamePart();
                if (object.type !== 0 && (typeof object.type !== "string" || $root.atc.v1.NamePartType[object.type] !== 0))
                    switch (object.type) {
                    case "NAME_PART_TYPE_UNSPECIFIED":
                    case 0:
                        message.type = 0;
                        break;
                    case "NAME_PART_TYPE_GIVEN":
                    case 1:
                        message.type = 1;
                        break;
                    case "NAME_PART_TYPE_FAMILY":
                    case 2:
                        message.type = 2;
                        break;
                    case "NAME_PART_TYPE_PATRONYMIC":
                    case 3:
                        message.type = 3;
                        break;
                    case "NAME_PART_TYPE_MIDDLE":
                    case 4:
                        message.type = 4;
                        break;
                    case "NAME_PART_TYPE_OTHER":
                    case 5:
                        message.type = 5;
                        break;
                    default:
                        if (typeof object.type === "number" && (object.type | 0) === object.type)
                            message.type = object.type;
                    }
                if (object.value != null)
                    if (typeof object.value !== "string" || object.value.length)
                        message.value = $String(object.value);
                return message;
            };

            /**
             * Creates a plain object from a NamePart message. Also converts values to other types if specified.
             * @function toObject
             * @memberof atc.v1.NamePart
             * @static
             * @param {atc.v1.NamePart} message NamePart
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            NamePart.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.type = options.enums === $String ? "NAME_PART_TYPE_UNSPECIFIED" : 0;
                    object.value = "";
                }
                if (message.type != null && $Object.hasOwnProperty.call(message, "type"))
                    object.type = options.enums === $String ? $root.atc.v1.NamePartType[message.type] === $undefined ? message.type : $root.atc.v1.NamePartType[message.type] : message.type;
                if (message.value != null && $Object.hasOwnProperty.call(message, "value"))
                    object.value = message.value;
                return object;
            };

            /**
             * Converts this NamePart to JSON.
             * @function toJSON
             * @memberof atc.v1.NamePart
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            NamePart.prototype.toJSON = function() {
                return NamePart.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for NamePart
             * @function getTypeUrl
             * @memberof atc.v1.NamePart
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            NamePart.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atc.v1.NamePart";
            };

            return NamePart;
        })();

        /**
         * NamePartType enum.
         * @name atc.v1.NamePartType
         * @enum {number}
         * @property {number} NAME_PART_TYPE_UNSPECIFIED=0 NAME_PART_TYPE_UNSPECIFIED value
         * @property {number} NAME_PART_TYPE_GIVEN=1 NAME_PART_TYPE_GIVEN value
         * @property {number} NAME_PART_TYPE_FAMILY=2 NAME_PART_TYPE_FAMILY value
         * @property {number} NAME_PART_TYPE_PATRONYMIC=3 NAME_PART_TYPE_PATRONYMIC value
         * @property {number} NAME_PART_TYPE_MIDDLE=4 NAME_PART_TYPE_MIDDLE value
         * @property {number} NAME_PART_TYPE_OTHER=5 NAME_PART_TYPE_OTHER value
         */
        v1.NamePartType = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "NAME_PART_TYPE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "NAME_PART_TYPE_GIVEN"] = 1;
            values[valuesById[2] = "NAME_PART_TYPE_FAMILY"] = 2;
            values[valuesById[3] = "NAME_PART_TYPE_PATRONYMIC"] = 3;
            values[valuesById[4] = "NAME_PART_TYPE_MIDDLE"] = 4;
            values[valuesById[5] = "NAME_PART_TYPE_OTHER"] = 5;
            return values;
        })();

        v1.PersonName = (function() {

            /**
             * Properties of a PersonName.
             * @typedef {Object} atc.v1.PersonName.$Properties
             * @property {Array.<atc.v1.NamePart.$Properties>|null} [parts] PersonName parts
             * @property {string|null} [script] PersonName script
             * @property {string|null} [language] PersonName language
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PersonName.
             * @memberof atc.v1
             * @interface IPersonName
             * @augments atc.v1.PersonName.$Properties
             * @deprecated Use atc.v1.PersonName.$Properties instead.
             */

            /**
             * Shape of a PersonName.
             * @typedef {atc.v1.PersonName.$Properties} atc.v1.PersonName.$Shape
             */

            /**
             * Constructs a new PersonName.
             * @memberof atc.v1
             * @classdesc Represents a PersonName.
             * @constructor
             * @param {atc.v1.PersonName.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PersonName = function (properties) {
                this.parts = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * PersonName parts.
             * @member {Array.<atc.v1.NamePart.$Properties>} parts
             * @memberof atc.v1.PersonName
             * @instance
             */
            PersonName.prototype.parts = $util.emptyArray;

            /**
             * PersonName script.
             * @member {string} script
             * @memberof atc.v1.PersonName
             * @instance
             */
            PersonName.prototype.script = "";

            /**
             * PersonName language.
             * @member {string} language
             * @memberof atc.v1.PersonName
             * @instance
             */
            PersonName.prototype.language = "";

            /**
             * Creates a new PersonName instance using the specified properties.
             * @function create
             * @memberof atc.v1.PersonName
             * @static
             * @param {atc.v1.PersonName.$Properties=} [properties] Properties to set
             * @returns {atc.v1.PersonName} PersonName instance
             * @type {{
             *   (properties: atc.v1.PersonName.$Shape): atc.v1.PersonName & atc.v1.PersonName.$Shape;
             *   (properties?: atc.v1.PersonName.$Properties): atc.v1.PersonName;
             * }}
             */
            PersonName.create = function(properties) {
                return new PersonName(properties);
            };

            /**
             * Encodes the specified PersonName message. Does not implicitly {@link atc.v1.PersonName.verify|verify} messages.
             * @function encode
             * @memberof atc.v1.PersonName
             * @static
             * @param {atc.v1.PersonName.$Properties} message PersonName message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PersonName.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.parts != null && message.parts.length)
                    for (let i = 0; i < message.parts.length; ++i)
                        $root.atc.v1.NamePart.encode(message.parts[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.script != null && $Object.hasOwnProperty.call(message, "script") && message.script !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.script);
                if (message.language != null && $Object.hasOwnProperty.call(message, "language") && message.language !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.language);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified PersonName message, length delimited. Does not implicitly {@link atc.v1.PersonName.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atc.v1.PersonName
             * @static
             * @param {atc.v1.PersonName.$Properties} message PersonName message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PersonName.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a PersonName message from the specified reader or buffer.
             * @function decode
             * @memberof atc.v1.PersonName
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {atc.v1.PersonName & atc.v1.PersonName.$Shape} PersonName
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PersonName.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.atc.v1.PersonName();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.parts && message.parts.length))
                                message.parts = [];
                            message.parts.push($root.atc.v1.NamePart.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.script = value;
                            else
                                delete message.script;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.language = value;
                            else
                                delete message.language;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a PersonName message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atc.v1.PersonName
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atc.v1.PersonName & atc.v1.PersonName.$Shape} PersonName
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PersonName.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a PersonName message.
             * @function verify
             * @memberof atc.v1.PersonName
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            PersonName.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.parts != null && $Object.hasOwnProperty.call(message, "parts")) {
                    if (!$Array.isArray(message.parts))
                        return "parts: array expected";
                    for (let i = 0; i < message.parts.length; ++i) {
                        let error = $root.atc.v1.NamePart.verify(message.parts[i], _depth + 1);
                        if (error)
                            return "parts." + error;
                    }
                }
                if (message.script != null && $Object.hasOwnProperty.call(message, "script"))
                    if (!$util.isString(message.script))
                        return "script: string expected";
                if (message.language != null && $Object.hasOwnProperty.call(message, "language"))
                    if (!$util.isString(message.language))
                        return "language: string expected";
                return null;
            };

            /**
             * Creates a PersonName message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof atc.v1.PersonName
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {atc.v1.PersonName} PersonName
             */
            PersonName.fromObject = function (object, _depth) {
                if (object instanceof $root.atc.v1.PersonName)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".atc.v1.PersonName: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.atc.v1.PersonName();
                if (object.parts) {
                    if (!$Array.isArray(object.parts))
                        throw $TypeError(".atc.v1.PersonName.parts: array expected");
                    message.parts = $Array(object.parts.length);
                    for (let i = 0; i < object.parts.length; ++i) {
                        if (!$util.isObject(object.parts[i]))
                            throw $TypeError(".atc.v1.PersonName.parts: object expected");
                        message.parts[i] = $root.atc.v1.NamePart.fromObject(object.parts[i], _depth + 1);
                    }
                }
                if (object.script != null)
                    if (typeof object.script !== "string" || object.script.length)
                        message.script = $String(object.script);
                if (object.language != null)
                    if (typeof object.language !== "string" || object.language.length)
                        message.language = $String(object.language);
                return message;
            };

            /**
             * Creates a plain object from a PersonName message. Also converts values to other types if specified.
             * @function toObject
             * @memberof atc.v1.PersonName
             * @static
             * @param {atc.v1.PersonName} message PersonName
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            PersonName.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.parts = [];
                if (options.defaults) {
                    object.script = "";
                    object.language = "";
                }
                if (message.parts && message.parts.length) {
                    object.parts = $Array(message.parts.length);
                    for (let j = 0; j < message.parts.length; ++j)
                        object.parts[j] = $root.atc.v1.NamePart.toObject(message.parts[j], options, _depth + 1);
                }
                if (message.script != null && $Object.hasOwnProperty.call(message, "script"))
                    object.script = message.script;
                if (message.language != null && $Object.hasOwnProperty.call(message, "language"))
                    object.language = message.language;
                return object;
            };

            /**
             * Converts this PersonName to JSON.
             * @function toJSON
             * @memberof atc.v1.PersonName
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            PersonName.prototype.toJSON = function() {
                return PersonName.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for PersonName
             * @function getTypeUrl
             * @memberof atc.v1.PersonName
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            PersonName.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atc.v1.PersonName";
            };

            return PersonName;
        })();

        v1.IdentityDocument = (function() {

            /**
             * Properties of an IdentityDocument.
             * @typedef {Object} atc.v1.IdentityDocument.$Properties
             * @property {atc.v1.DocumentType|null} [type] IdentityDocument type
             * @property {string|null} [number] IdentityDocument number
             * @property {string|null} [issuingCountry] IdentityDocument issuingCountry
             * @property {atc.v1.PartialDate.$Properties|null} [issuedOn] IdentityDocument issuedOn
             * @property {atc.v1.PartialDate.$Properties|null} [expiresOn] IdentityDocument expiresOn
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an IdentityDocument.
             * @memberof atc.v1
             * @interface IIdentityDocument
             * @augments atc.v1.IdentityDocument.$Properties
             * @deprecated Use atc.v1.IdentityDocument.$Properties instead.
             */

            /**
             * Shape of an IdentityDocument.
             * @typedef {atc.v1.IdentityDocument.$Properties} atc.v1.IdentityDocument.$Shape
             */

            /**
             * Constructs a new IdentityDocument.
             * @memberof atc.v1
             * @classdesc Represents an IdentityDocument.
             * @constructor
             * @param {atc.v1.IdentityDocument.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const IdentityDocument = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * IdentityDocument type.
             * @member {atc.v1.DocumentType} type
             * @memberof atc.v1.IdentityDocument
             * @instance
             */
            IdentityDocument.prototype.type = 0;

            /**
             * IdentityDocument number.
             * @member {string} number
             * @memberof atc.v1.IdentityDocument
             * @instance
             */
            IdentityDocument.prototype.number = "";

            /**
             * IdentityDocument issuingCountry.
             * @member {string} issuingCountry
             * @memberof atc.v1.IdentityDocument
             * @instance
             */
            IdentityDocument.prototype.issuingCountry = "";

            /**
             * IdentityDocument issuedOn.
             * @member {atc.v1.PartialDate.$Properties|null|undefined} issuedOn
             * @memberof atc.v1.IdentityDocument
             * @instance
             */
            IdentityDocument.prototype.issuedOn = null;

            /**
             * IdentityDocument expiresOn.
             * @member {atc.v1.PartialDate.$Properties|null|undefined} expiresOn
             * @memberof atc.v1.IdentityDocument
             * @instance
             */
            IdentityDocument.prototype.expiresOn = null;

            /**
             * Creates a new IdentityDocument instance using the specified properties.
             * @function create
             * @memberof atc.v1.IdentityDocument
             * @static
             * @param {atc.v1.IdentityDocument.$Properties=} [properties] Properties to set
             * @returns {atc.v1.IdentityDocument} IdentityDocument instance
             * @type {{
             *   (properties: atc.v1.IdentityDocument.$Shape): atc.v1.IdentityDocument & atc.v1.IdentityDocument.$Shape;
             *   (properties?: atc.v1.IdentityDocument.$Properties): atc.v1.IdentityDocument;
             * }}
             */
            IdentityDocument.create = function(properties) {
                return new IdentityDocument(properties);
            };

            /**
             * Encodes the specified IdentityDocument message. Does not implicitly {@link atc.v1.IdentityDocument.verify|verify} messages.
             * @function encode
             * @memberof atc.v1.IdentityDocument
             * @static
             * @param {atc.v1.IdentityDocument.$Properties} message IdentityDocument message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            IdentityDocument.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.type != null && $Object.hasOwnProperty.call(message, "type") && message.type !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.type);
                if (message.number != null && $Object.hasOwnProperty.call(message, "number") && message.number !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.number);
                if (message.issuingCountry != null && $Object.hasOwnProperty.call(message, "issuingCountry") && message.issuingCountry !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.issuingCountry);
                if (message.issuedOn != null && $Object.hasOwnProperty.call(message, "issuedOn"))
                    $root.atc.v1.PartialDate.encode(message.issuedOn, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.expiresOn != null && $Object.hasOwnProperty.call(message, "expiresOn"))
                    $root.atc.v1.PartialDate.encode(message.expiresOn, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified IdentityDocument message, length delimited. Does not implicitly {@link atc.v1.IdentityDocument.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atc.v1.IdentityDocument
             * @static
             * @param {atc.v1.IdentityDocument.$Properties} message IdentityDocument message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            IdentityDocument.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an IdentityDocument message from the specified reader or buffer.
             * @function decode
             * @memberof atc.v1.IdentityDocument
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {atc.v1.IdentityDocument & atc.v1.IdentityDocument.$Shape} IdentityDocument
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            IdentityDocument.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.atc.v1.IdentityDocument();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.type = value;
                            else
                                delete message.type;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.number = value;
                            else
                                delete message.number;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.issuingCountry = value;
                            else
                                delete message.issuingCountry;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.issuedOn = $root.atc.v1.PartialDate.decode(reader, reader.size(), $undefined, _depth + 1, message.issuedOn);
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.expiresOn = $root.atc.v1.PartialDate.decode(reader, reader.size(), $undefined, _depth + 1, message.expiresOn);
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an IdentityDocument message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atc.v1.IdentityDocument
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atc.v1.IdentityDocument & atc.v1.IdentityDocument.$Shape} IdentityDocument
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            IdentityDocument.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an IdentityDocument message.
             * @function verify
             * @memberof atc.v1.IdentityDocument
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            IdentityDocument.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.type != null && $Object.hasOwnProperty.call(message, "type"))
                    if (typeof message.type !== "number" || (message.type | 0) !== message.type)
                        return "type: enum value expected";
                if (message.number != null && $Object.hasOwnProperty.call(message, "number"))
                    if (!$util.isString(message.number))
                        return "number: string expected";
                if (message.issuingCountry != null && $Object.hasOwnProperty.call(message, "issuingCountry"))
                    if (!$util.isString(message.issuingCountry))
                        return "issuingCountry: string expected";
                if (message.issuedOn != null && $Object.hasOwnProperty.call(message, "issuedOn")) {
                    let error = $root.atc.v1.PartialDate.verify(message.issuedOn, _depth + 1);
                    if (error)
                        return "issuedOn." + error;
                }
                if (message.expiresOn != null && $Object.hasOwnProperty.call(message, "expiresOn")) {
                    let error = $root.atc.v1.PartialDate.verify(message.expiresOn, _depth + 1);
                    if (error)
                        return "expiresOn." + error;
                }
                return null;
            };

            /**
             * Creates an IdentityDocument message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof atc.v1.IdentityDocument
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {atc.v1.IdentityDocument} IdentityDocument
             */
            IdentityDocument.fromObject = function (object, _depth) {
                if (object instanceof $root.atc.v1.IdentityDocument)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".atc.v1.IdentityDocument: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.atc.v1.IdentityDocument();
                if (object.type !== 0 && (typeof object.type !== "string" || $root.atc.v1.DocumentType[object.type] !== 0))
                    switch (object.type) {
                    case "DOCUMENT_TYPE_UNSPECIFIED":
                    case 0:
                        message.type = 0;
                        break;
                    case "DOCUMENT_TYPE_PASSPORT":
                    case 1:
                        message.type = 1;
                        break;
                    case "DOCUMENT_TYPE_NATIONAL_ID":
                    case 2:
                        message.type = 2;
                        break;
                    case "DOCUMENT_TYPE_RESIDENCE_PERMIT":
                    case 3:
                        message.type = 3;
                        break;
                    case "DOCUMENT_TYPE_DRIVING_LICENCE":
                    case 4:
                        message.type = 4;
                        break;
                    case "DOCUMENT_TYPE_OTHER":
                    case 5:
                        message.type = 5;
                        break;
                    default:
                        if (typeof object.type === "number" && (object.type | 0) === object.type)
                            message.type = object.type;
                    }
                if (object.number != null)
                    if (typeof object.number !== "string" || object.number.length)
                        message.number = $String(object.number);
                if (object.issuingCountry != null)
                    if (typeof object.issuingCountry !== "string" || object.issuingCountry.length)
                        message.issuingCountry = $String(object.issuingCountry);
                if (object.issuedOn != null) {
                    if (!$util.isObject(object.issuedOn))
                        throw $TypeError(".atc.v1.IdentityDocument.issuedOn: object expected");
                    message.issuedOn = $root.atc.v1.PartialDate.fromObject(object.issuedOn, _depth + 1);
                }
                if (object.expiresOn != null) {
                    if (!$util.isObject(object.expiresOn))
                        throw $TypeError(".atc.v1.IdentityDocument.expiresOn: object expected");
                    message.expiresOn = $root.atc.v1.PartialDate.fromObject(object.expiresOn, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from an IdentityDocument message. Also converts values to other types if specified.
             * @function toObject
             * @memberof atc.v1.IdentityDocument
             * @static
             * @param {atc.v1.IdentityDocument} message IdentityDocument
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            IdentityDocument.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.type = options.enums === $String ? "DOCUMENT_TYPE_UNSPECIFIED" : 0;
                    object.number = "";
                    object.issuingCountry = "";
                    object.issuedOn = null;
                    object.expiresOn = null;
                }
                if (message.type != null && $Object.hasOwnProperty.call(message, "type"))
                    object.type = options.enums === $String ? $root.atc.v1.DocumentType[message.type] === $undefined ? message.type : $root.atc.v1.DocumentType[message.type] : message.type;
                if (message.number != null && $Object.hasOwnProperty.call(message, "number"))
                    object.number = message.number;
                if (message.issuingCountry != null && $Object.hasOwnProperty.call(message, "issuingCountry"))
                    object.issuingCountry = message.issuingCountry;
                if (message.issuedOn != null && $Object.hasOwnProperty.call(message, "issuedOn"))
                    object.issuedOn = $root.atc.v1.PartialDate.toObject(message.issuedOn, options, _depth + 1);
                if (message.expiresOn != null && $Object.hasOwnProperty.call(message, "expiresOn"))
                    object.expiresOn = $root.atc.v1.PartialDate.toObject(message.expiresOn, options, _depth + 1);
                return object;
            };

            /**
             * Converts this IdentityDocument to JSON.
             * @function toJSON
             * @memberof atc.v1.IdentityDocument
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            IdentityDocument.prototype.toJSON = function() {
                return IdentityDocument.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for IdentityDocument
             * @function getTypeUrl
             * @memberof atc.v1.IdentityDocument
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            IdentityDocument.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atc.v1.IdentityDocument";
            };

            return IdentityDocument;
        })();

        /**
         * DocumentType enum.
         * @name atc.v1.DocumentType
         * @enum {number}
         * @property {number} DOCUMENT_TYPE_UNSPECIFIED=0 DOCUMENT_TYPE_UNSPECIFIED value
         * @property {number} DOCUMENT_TYPE_PASSPORT=1 DOCUMENT_TYPE_PASSPORT value
         * @property {number} DOCUMENT_TYPE_NATIONAL_ID=2 DOCUMENT_TYPE_NATIONAL_ID value
         * @property {number} DOCUMENT_TYPE_RESIDENCE_PERMIT=3 DOCUMENT_TYPE_RESIDENCE_PERMIT value
         * @property {number} DOCUMENT_TYPE_DRIVING_LICENCE=4 DOCUMENT_TYPE_DRIVING_LICENCE value
         * @property {number} DOCUMENT_TYPE_OTHER=5 DOCUMENT_TYPE_OTHER value
         */
        v1.DocumentType = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "DOCUMENT_TYPE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "DOCUMENT_TYPE_PASSPORT"] = 1;
            values[valuesById[2] = "DOCUMENT_TYPE_NATIONAL_ID"] = 2;
            values[valuesById[3] = "DOCUMENT_TYPE_RESIDENCE_PERMIT"] = 3;
            values[valuesById[4] = "DOCUMENT_TYPE_DRIVING_LICENCE"] = 4;
            values[valuesById[5] = "DOCUMENT_TYPE_OTHER"] = 5;
            return values;
        })();

        /**
         * Sex enum.
         * @name atc.v1.Sex
         * @enum {number}
         * @property {number} SEX_UNSPECIFIED=0 SEX_UNSPECIFIED value
         * @property {number} SEX_MALE=1 SEX_MALE value
         * @property {number} SEX_FEMALE=2 SEX_FEMALE value
         */
        v1.Sex = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "SEX_UNSPECIFIED"] = 0;
            values[valuesById[1] = "SEX_MALE"] = 1;
            values[valuesById[2] = "SEX_FEMALE"] = 2;
            return values;
        })();

        /**
         * PersonCategory enum.
         * @name atc.v1.PersonCategory
         * @enum {number}
         * @property {number} PERSON_CATEGORY_UNSPECIFIED=0 PERSON_CATEGORY_UNSPECIFIED value
         * @property {number} PERSON_CATEGORY_SUSPECT=1 PERSON_CATEGORY_SUSPECT value
         * @property {number} PERSON_CATEGORY_WANTED=2 PERSON_CATEGORY_WANTED value
         * @property {number} PERSON_CATEGORY_CONVICTED=3 PERSON_CATEGORY_CONVICTED value
         * @property {number} PERSON_CATEGORY_FOREIGN_FIGHTER=4 PERSON_CATEGORY_FOREIGN_FIGHTER value
         * @property {number} PERSON_CATEGORY_MEMBER=5 PERSON_CATEGORY_MEMBER value
         * @property {number} PERSON_CATEGORY_ASSOCIATE=6 PERSON_CATEGORY_ASSOCIATE value
         * @property {number} PERSON_CATEGORY_AT_RISK=7 PERSON_CATEGORY_AT_RISK value
         */
        v1.PersonCategory = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "PERSON_CATEGORY_UNSPECIFIED"] = 0;
            values[valuesById[1] = "PERSON_CATEGORY_SUSPECT"] = 1;
            values[valuesById[2] = "PERSON_CATEGORY_WANTED"] = 2;
            values[valuesById[3] = "PERSON_CATEGORY_CONVICTED"] = 3;
            values[valuesById[4] = "PERSON_CATEGORY_FOREIGN_FIGHTER"] = 4;
            values[valuesById[5] = "PERSON_CATEGORY_MEMBER"] = 5;
            values[valuesById[6] = "PERSON_CATEGORY_ASSOCIATE"] = 6;
            values[valuesById[7] = "PERSON_CATEGORY_AT_RISK"] = 7;
            return values;
        })();

        v1.PersonRecord = (function() {

            /**
             * Properties of a PersonRecord.
             * @typedef {Object} atc.v1.PersonRecord.$Properties
             * @property {Uint8Array|null} [nonce] PersonRecord nonce
             * @property {string|null} [recordId] PersonRecord recordId
             * @property {number|null} [version] PersonRecord version
             * @property {atc.v1.PersonCategory|null} [category] PersonRecord category
             * @property {Array.<atc.v1.PersonName.$Properties>|null} [names] PersonRecord names
             * @property {Array.<atc.v1.PersonName.$Properties>|null} [aliases] PersonRecord aliases
             * @property {atc.v1.PartialDate.$Properties|null} [dateOfBirth] PersonRecord dateOfBirth
             * @property {string|null} [placeOfBirth] PersonRecord placeOfBirth
             * @property {atc.v1.Sex|null} [sex] PersonRecord sex
             * @property {Array.<string>|null} [nationalities] PersonRecord nationalities
             * @property {Array.<atc.v1.IdentityDocument.$Properties>|null} [documents] PersonRecord documents
             * @property {string|null} [legalBasis] PersonRecord legalBasis
             * @property {string|null} [summary] PersonRecord summary
             * @property {Array.<atc.v1.RecordRef.$Properties>|null} [related] PersonRecord related
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PersonRecord.
             * @memberof atc.v1
             * @interface IPersonRecord
             * @augments atc.v1.PersonRecord.$Properties
             * @deprecated Use atc.v1.PersonRecord.$Properties instead.
             */

            /**
             * Shape of a PersonRecord.
             * @typedef {atc.v1.PersonRecord.$Properties} atc.v1.PersonRecord.$Shape
             */

            /**
             * Constructs a new PersonRecord.
             * @memberof atc.v1
             * @classdesc Represents a PersonRecord.
             * @constructor
             * @param {atc.v1.PersonRecord.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PersonRecord = function (properties) {
                this.names = [];
                this.aliases = [];
                this.nationalities = [];
                this.documents = [];
                this.related = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * PersonRecord nonce.
             * @member {Uint8Array} nonce
             * @memberof atc.v1.PersonRecord
             * @instance
             */
            PersonRecord.prototype.nonce = $util.newBuffer([]);

            /**
             * PersonRecord recordId.
             * @member {string} recordId
             * @memberof atc.v1.PersonRecord
             * @instance
             */
            PersonRecord.prototype.recordId = "";

            /**
             * PersonRecord version.
             * @member {number} version
             * @memberof atc.v1.PersonRecord
             * @instance
             */
            PersonRecord.prototype.version = 0;

            /**
             * PersonRecord category.
             * @member {atc.v1.PersonCategory} category
             * @memberof atc.v1.PersonRecord
             * @instance
             */
            PersonRecord.prototype.category = 0;

            /**
             * PersonRecord names.
             * @member {Array.<atc.v1.PersonName.$Properties>} names
             * @memberof atc.v1.PersonRecord
             * @instance
             */
            PersonRecord.prototype.names = $util.emptyArray;

            /**
             * PersonRecord aliases.
             * @member {Array.<atc.v1.PersonName.$Properties>} aliases
             * @memberof atc.v1.PersonRecord
             * @instance
             */
            PersonRecord.prototype.aliases = $util.emptyArray;

            /**
             * PersonRecord dateOfBirth.
             * @member {atc.v1.PartialDate.$Properties|null|undefined} dateOfBirth
             * @memberof atc.v1.PersonRecord
             * @instance
             */
            PersonRecord.prototype.dateOfBirth = null;

            /**
             * PersonRecord placeOfBirth.
             * @member {string} placeOfBirth
             * @memberof atc.v1.PersonRecord
             * @instance
             */
            PersonRecord.prototype.placeOfBirth = "";

            /**
             * PersonRecord sex.
             * @member {atc.v1.Sex} sex
             * @memberof atc.v1.PersonRecord
             * @instance
             */
            PersonRecord.prototype.sex = 0;

            /**
             * PersonRecord nationalities.
             * @member {Array.<string>} nationalities
             * @memberof atc.v1.PersonRecord
             * @instance
             */
            PersonRecord.prototype.nationalities = $util.emptyArray;

            /**
             * PersonRecord documents.
             * @member {Array.<atc.v1.IdentityDocument.$Properties>} documents
             * @memberof atc.v1.PersonRecord
             * @instance
             */
            PersonRecord.prototype.documents = $util.emptyArray;

            /**
             * PersonRecord legalBasis.
             * @member {string} legalBasis
             * @memberof atc.v1.PersonRecord
             * @instance
             */
            PersonRecord.prototype.legalBasis = "";

            /**
             * PersonRecord summary.
             * @member {string} summary
             * @memberof atc.v1.PersonRecord
             * @instance
             */
            PersonRecord.prototype.summary = "";

            /**
             * PersonRecord related.
             * @member {Array.<atc.v1.RecordRef.$Properties>} related
             * @memberof atc.v1.PersonRecord
             * @instance
             */
            PersonRecord.prototype.related = $util.emptyArray;

            /**
             * Creates a new PersonRecord instance using the specified properties.
             * @function create
             * @memberof atc.v1.PersonRecord
             * @static
             * @param {atc.v1.PersonRecord.$Properties=} [properties] Properties to set
             * @returns {atc.v1.PersonRecord} PersonRecord instance
             * @type {{
             *   (properties: atc.v1.PersonRecord.$Shape): atc.v1.PersonRecord & atc.v1.PersonRecord.$Shape;
             *   (properties?: atc.v1.PersonRecord.$Properties): atc.v1.PersonRecord;
             * }}
             */
            PersonRecord.create = function(properties) {
                return new PersonRecord(properties);
            };

            /**
             * Encodes the specified PersonRecord message. Does not implicitly {@link atc.v1.PersonRecord.verify|verify} messages.
             * @function encode
             * @memberof atc.v1.PersonRecord
             * @static
             * @param {atc.v1.PersonRecord.$Properties} message PersonRecord message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PersonRecord.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce") && message.nonce.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.nonce);
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId") && message.recordId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.recordId);
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.version);
                if (message.category != null && $Object.hasOwnProperty.call(message, "category") && message.category !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).int32(message.category);
                if (message.names != null && message.names.length)
                    for (let i = 0; i < message.names.length; ++i)
                        $root.atc.v1.PersonName.encode(message.names[i], writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.aliases != null && message.aliases.length)
                    for (let i = 0; i < message.aliases.length; ++i)
                        $root.atc.v1.PersonName.encode(message.aliases[i], writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.dateOfBirth != null && $Object.hasOwnProperty.call(message, "dateOfBirth"))
                    $root.atc.v1.PartialDate.encode(message.dateOfBirth, writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
                if (message.placeOfBirth != null && $Object.hasOwnProperty.call(message, "placeOfBirth") && message.placeOfBirth !== "")
                    writer.uint32(/* id 8, wireType 2 =*/66).string(message.placeOfBirth);
                if (message.sex != null && $Object.hasOwnProperty.call(message, "sex") && message.sex !== 0)
                    writer.uint32(/* id 9, wireType 0 =*/72).int32(message.sex);
                if (message.nationalities != null && message.nationalities.length)
                    for (let i = 0; i < message.nationalities.length; ++i)
                        writer.uint32(/* id 10, wireType 2 =*/82).string(message.nationalities[i]);
                if (message.documents != null && message.documents.length)
                    for (let i = 0; i < message.documents.length; ++i)
                        $root.atc.v1.IdentityDocument.encode(message.documents[i], writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                if (message.legalBasis != null && $Object.hasOwnProperty.call(message, "legalBasis") && message.legalBasis !== "")
                    writer.uint32(/* id 12, wireType 2 =*/98).string(message.legalBasis);
                if (message.summary != null && $Object.hasOwnProperty.call(message, "summary") && message.summary !== "")
                    writer.uint32(/* id 13, wireType 2 =*/106).string(message.summary);
                if (message.related != null && message.related.length)
                    for (let i = 0; i < message.related.length; ++i)
                        $root.atc.v1.RecordRef.encode(message.related[i], writer.uint32(/* id 14, wireType 2 =*/114).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified PersonRecord message, length delimited. Does not implicitly {@link atc.v1.PersonRecord.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atc.v1.PersonRecord
             * @static
             * @param {atc.v1.PersonRecord.$Properties} message PersonRecord message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PersonRecord.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a PersonRecord message from the specified reader or buffer.
             * @function decode
             * @memberof atc.v1.PersonRecord
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {atc.v1.PersonRecord & atc.v1.PersonRecord.$Shape} PersonRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PersonRecord.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.atc.v1.PersonRecord();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.nonce = value;
                            else
                                delete message.nonce;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.recordId = value;
                            else
                                delete message.recordId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.category = value;
                            else
                                delete message.category;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if (!(message.names && message.names.length))
                                message.names = [];
                            message.names.push($root.atc.v1.PersonName.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if (!(message.aliases && message.aliases.length))
                                message.aliases = [];
                            message.aliases.push($root.atc.v1.PersonName.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            message.dateOfBirth = $root.atc.v1.PartialDate.decode(reader, reader.size(), $undefined, _depth + 1, message.dateOfBirth);
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.placeOfBirth = value;
                            else
                                delete message.placeOfBirth;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.sex = value;
                            else
                                delete message.sex;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            if (!(message.nationalities && message.nationalities.length))
                                message.nationalities = [];
                            message.nationalities.push(reader.stringVerify());
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            if (!(message.documents && message.documents.length))
                                message.documents = [];
                            message.documents.push($root.atc.v1.IdentityDocument.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 12: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.legalBasis = value;
                            else
                                delete message.legalBasis;
                            continue;
                        }
                    case 13: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.summary = value;
                            else
                                delete message.summary;
                            continue;
                        }
                    case 14: {
                            if (wireType !== 2)
                                break;
                            if (!(message.related && message.related.length))
                                message.related = [];
                            message.related.push($root.atc.v1.RecordRef.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a PersonRecord message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atc.v1.PersonRecord
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atc.v1.PersonRecord & atc.v1.PersonRecord.$Shape} PersonRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PersonRecord.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a PersonRecord message.
             * @function verify
             * @memberof atc.v1.PersonRecord
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            PersonRecord.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    if (!(message.nonce && typeof message.nonce.length === "number" || $util.isString(message.nonce)))
                        return "nonce: buffer expected";
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId"))
                    if (!$util.isString(message.recordId))
                        return "recordId: string expected";
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    if (!$util.isInteger(message.version))
                        return "version: integer expected";
                if (message.category != null && $Object.hasOwnProperty.call(message, "category"))
                    if (typeof message.category !== "number" || (message.category | 0) !== message.category)
                        return "category: enum value expected";
                if (message.names != null && $Object.hasOwnProperty.call(message, "names")) {
                    if (!$Array.isArray(message.names))
                        return "names: array expected";
                    for (let i = 0; i < message.names.length; ++i) {
                        let error = $root.atc.v1.PersonName.verify(message.names[i], _depth + 1);
                        if (error)
                            return "names." + error;
                    }
                }
                if (message.aliases != null && $Object.hasOwnProperty.call(message, "aliases")) {
                    if (!$Array.isArray(message.aliases))
                        return "aliases: array expected";
                    for (let i = 0; i < message.aliases.length; ++i) {
                        let error = $root.atc.v1.PersonName.verify(message.aliases[i], _depth + 1);
                        if (error)
                            return "aliases." + error;
                    }
                }
                if (message.dateOfBirth != null && $Object.hasOwnProperty.call(message, "dateOfBirth")) {
                    let error = $root.atc.v1.PartialDate.verify(message.dateOfBirth, _depth + 1);
                    if (error)
                        return "dateOfBirth." + error;
                }
                if (message.placeOfBirth != null && $Object.hasOwnProperty.call(message, "placeOfBirth"))
                    if (!$util.isString(message.placeOfBirth))
                        return "placeOfBirth: string expected";
                if (message.sex != null && $Object.hasOwnProperty.call(message, "sex"))
                    if (typeof message.sex !== "number" || (message.sex | 0) !== message.sex)
                        return "sex: enum value expected";
                if (message.nationalities != null && $Object.hasOwnProperty.call(message, "nationalities")) {
                    if (!$Array.isArray(message.nationalities))
                        return "nationalities: array expected";
                    for (let i = 0; i < message.nationalities.length; ++i)
                        if (!$util.isString(message.nationalities[i]))
                            return "nationalities: string[] expected";
                }
                if (message.documents != null && $Object.hasOwnProperty.call(message, "documents")) {
                    if (!$Array.isArray(message.documents))
                        return "documents: array expected";
                    for (let i = 0; i < message.documents.length; ++i) {
                        let error = $root.atc.v1.IdentityDocument.verify(message.documents[i], _depth + 1);
                        if (error)
                            return "documents." + error;
                    }
                }
                if (message.legalBasis != null && $Object.hasOwnProperty.call(message, "legalBasis"))
                    if (!$util.isString(message.legalBasis))
                        return "legalBasis: string expected";
                if (message.summary != null && $Object.hasOwnProperty.call(message, "summary"))
                    if (!$util.isString(message.summary))
                        return "summary: string expected";
                if (message.related != null && $Object.hasOwnProperty.call(message, "related")) {
                    if (!$Array.isArray(message.related))
                        return "related: array expected";
                    for (let i = 0; i < message.related.length; ++i) {
                        let error = $root.atc.v1.RecordRef.verify(message.related[i], _depth + 1);
                        if (error)
                            return "related." + error;
                    }
                }
                return null;
            };

            /**
             * Creates a PersonRecord message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof atc.v1.PersonRecord
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {atc.v1.PersonRecord} PersonRecord
             */
            PersonRecord.fromObject = function (object, _depth) {
                if (object instanceof $root.atc.v1.PersonRecord)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".atc.v1.PersonRecord: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.atc.v1.PersonRecord();
                if (object.nonce != null)
                    if (object.nonce.length)
                        if (typeof object.nonce === "string")
                            $util.base64.decode(object.nonce, message.nonce = $util.newBuffer($util.base64.length(object.nonce)), 0);
                        else if (object.nonce.length >= 0)
                            message.nonce = object.nonce;
                if (object.recordId != null)
                    if (typeof object.recordId !== "string" || object.recordId.length)
                        message.recordId = $String(object.recordId);
                if (object.version != null)
                    if ($Number(object.version) !== 0)
                        message.version = object.version >>> 0;
                if (object.category !== 0 && (typeof object.category !== "string" || $root.atc.v1.PersonCategory[object.category] !== 0))
                    switch (object.category) {
                    case "PERSON_CATEGORY_UNSPECIFIED":
                    case 0:
                        message.category = 0;
                        break;
                    case "PERSON_CATEGORY_SUSPECT":
                    case 1:
                        message.category = 1;
                        break;
                    case "PERSON_CATEGORY_WANTED":
                    case 2:
                        message.category = 2;
                        break;
                    case "PERSON_CATEGORY_CONVICTED":
                    case 3:
                        message.category = 3;
                        break;
                    case "PERSON_CATEGORY_FOREIGN_FIGHTER":
                    case 4:
                        message.category = 4;
                        break;
                    case "PERSON_CATEGORY_MEMBER":
                    case 5:
                        message.category = 5;
                        break;
                    case "PERSON_CATEGORY_ASSOCIATE":
                    case 6:
                        message.category = 6;
                        break;
                    case "PERSON_CATEGORY_AT_RISK":
                    case 7:
                        message.category = 7;
                        break;
                    default:
                        if (typeof object.category === "number" && (object.category | 0) === object.category)
                            message.category = object.category;
                    }
                if (object.names) {
                    if (!$Array.isArray(object.names))
                        throw $TypeError(".atc.v1.PersonRecord.names: array expected");
                    message.names = $Array(object.names.length);
                    for (let i = 0; i < object.names.length; ++i) {
                        if (!$util.isObject(object.names[i]))
                            throw $TypeError(".atc.v1.PersonRecord.names: object expected");
                        message.names[i] = $root.atc.v1.PersonName.fromObject(object.names[i], _depth + 1);
                    }
                }
                if (object.aliases) {
                    if (!$Array.isArray(object.aliases))
                        throw $TypeError(".atc.v1.PersonRecord.aliases: array expected");
                    message.aliases = $Array(object.aliases.length);
                    for (let i = 0; i < object.aliases.length; ++i) {
                        if (!$util.isObject(object.aliases[i]))
                            throw $TypeError(".atc.v1.PersonRecord.aliases: object expected");
                        message.aliases[i] = $root.atc.v1.PersonName.fromObject(object.aliases[i], _depth + 1);
                    }
                }
                if (object.dateOfBirth != null) {
                    if (!$util.isObject(object.dateOfBirth))
                        throw $TypeError(".atc.v1.PersonRecord.dateOfBirth: object expected");
                    message.dateOfBirth = $root.atc.v1.PartialDate.fromObject(object.dateOfBirth, _depth + 1);
                }
                if (object.placeOfBirth != null)
                    if (typeof object.placeOfBirth !== "string" || object.placeOfBirth.length)
                        message.placeOfBirth = $String(object.placeOfBirth);
                if (object.sex !== 0 && (typeof object.sex !== "string" || $root.atc.v1.Sex[object.sex] !== 0))
                    switch (object.sex) {
                    case "SEX_UNSPECIFIED":
                    case 0:
                        message.sex = 0;
                        break;
                    case "SEX_MALE":
                    case 1:
                        message.sex = 1;
                        break;
                    case "SEX_FEMALE":
                    case 2:
                        message.sex = 2;
                        break;
                    default:
                        if (typeof object.sex === "number" && (object.sex | 0) === object.sex)
                            message.sex = object.sex;
                    }
                if (object.nationalities) {
                    if (!$Array.isArray(object.nationalities))
                        throw $TypeError(".atc.v1.PersonRecord.nationalities: array expected");
                    message.nationalities = $Array(object.nationalities.length);
                    for (let i = 0; i < object.nationalities.length; ++i)
                        message.nationalities[i] = $String(object.nationalities[i]);
                }
                if (object.documents) {
                    if (!$Array.isArray(object.documents))
                        throw $TypeError(".atc.v1.PersonRecord.documents: array expected");
                    message.documents = $Array(object.documents.length);
                    for (let i = 0; i < object.documents.length; ++i) {
                        if (!$util.isObject(object.documents[i]))
                            throw $TypeError(".atc.v1.PersonRecord.documents: object expected");
                        message.documents[i] = $root.atc.v1.IdentityDocument.fromObject(object.documents[i], _depth + 1);
                    }
                }
                if (object.legalBasis != null)
                    if (typeof object.legalBasis !== "string" || object.legalBasis.length)
                        message.legalBasis = $String(object.legalBasis);
                if (object.summary != null)
                    if (typeof object.summary !== "string" || object.summary.length)
                        message.summary = $String(object.summary);
                if (object.related) {
                    if (!$Array.isArray(object.related))
                        throw $TypeError(".atc.v1.PersonRecord.related: array expected");
                    message.related = $Array(object.related.length);
                    for (let i = 0; i < object.related.length; ++i) {
                        if (!$util.isObject(object.related[i]))
                            throw $TypeError(".atc.v1.PersonRecord.related: object expected");
                        message.related[i] = $root.atc.v1.RecordRef.fromObject(object.related[i], _depth + 1);
                    }
                }
                return message;
            };

            /**
             * Creates a plain object from a PersonRecord message. Also converts values to other types if specified.
             * @function toObject
             * @memberof atc.v1.PersonRecord
             * @static
             * @param {atc.v1.PersonRecord} message PersonRecord
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            PersonRecord.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults) {
                    object.names = [];
                    object.aliases = [];
                    object.nationalities = [];
                    object.documents = [];
                    object.related = [];
                }
                if (options.defaults) {
                    if (options.bytes === $String)
                        object.nonce = "";
                    else {
                        object.nonce = [];
                        if (options.bytes !== $Array)
                            object.nonce = $util.newBuffer(object.nonce);
                    }
                    object.recordId = "";
                    object.version = 0;
                    object.category = options.enums === $String ? "PERSON_CATEGORY_UNSPECIFIED" : 0;
                    object.dateOfBirth = null;
                    object.placeOfBirth = "";
                    object.sex = options.enums === $String ? "SEX_UNSPECIFIED" : 0;
                    object.legalBasis = "";
                    object.summary = "";
                }
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    object.nonce = options.bytes === $String ? $util.base64.encode(message.nonce, 0, message.nonce.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.nonce) : message.nonce;
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId"))
                    object.recordId = message.recordId;
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    object.version = message.version;
                if (message.category != null && $Object.hasOwnProperty.call(message, "category"))
                    object.category = options.enums === $String ? $root.atc.v1.PersonCategory[message.category] === $undefined ? message.category : $root.atc.v1.PersonCategory[message.category] : message.category;
                if (message.names && message.names.length) {
                    object.names = $Array(message.names.length);
                    for (let j = 0; j < message.names.length; ++j)
                        object.names[j] = $root.atc.v1.PersonName.toObject(message.names[j], options, _depth + 1);
                }
                if (message.aliases && message.aliases.length) {
                    object.aliases = $Array(message.aliases.length);
                    for (let j = 0; j < message.aliases.length; ++j)
                        object.aliases[j] = $root.atc.v1.PersonName.toObject(message.aliases[j], options, _depth + 1);
                }
                if (message.dateOfBirth != null && $Object.hasOwnProperty.call(message, "dateOfBirth"))
                    object.dateOfBirth = $root.atc.v1.PartialDate.toObject(message.dateOfBirth, options, _depth + 1);
                if (message.placeOfBirth != null && $Object.hasOwnProperty.call(message, "placeOfBirth"))
                    object.placeOfBirth = message.placeOfBirth;
                if (message.sex != null && $Object.hasOwnProperty.call(message, "sex"))
                    object.sex = options.enums === $String ? $root.atc.v1.Sex[message.sex] === $undefined ? message.sex : $root.atc.v1.Sex[message.sex] : message.sex;
                if (message.nationalities && message.nationalities.length) {
                    object.nationalities = $Array(message.nationalities.length);
                    for (let j = 0; j < message.nationalities.length; ++j)
                        object.nationalities[j] = message.nationalities[j];
                }
                if (message.documents && message.documents.length) {
                    object.documents = $Array(message.documents.length);
                    for (let j = 0; j < message.documents.length; ++j)
                        object.documents[j] = $root.atc.v1.IdentityDocument.toObject(message.documents[j], options, _depth + 1);
                }
                if (message.legalBasis != null && $Object.hasOwnProperty.call(message, "legalBasis"))
                    object.legalBasis = message.legalBasis;
                if (message.summary != null && $Object.hasOwnProperty.call(message, "summary"))
                    object.summary = message.summary;
                if (message.related && message.related.length) {
                    object.related = $Array(message.related.length);
                    for (let j = 0; j < message.related.length; ++j)
                        object.related[j] = $root.atc.v1.RecordRef.toObject(message.related[j], options, _depth + 1);
                }
                return object;
            };

            /**
             * Converts this PersonRecord to JSON.
             * @function toJSON
             * @memberof atc.v1.PersonRecord
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            PersonRecord.prototype.toJSON = function() {
                return PersonRecord.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for PersonRecord
             * @function getTypeUrl
             * @memberof atc.v1.PersonRecord
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            PersonRecord.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atc.v1.PersonRecord";
            };

            return PersonRecord;
        })();

        /**
         * OrganizationCategory enum.
         * @name atc.v1.OrganizationCategory
         * @enum {number}
         * @property {number} ORGANIZATION_CATEGORY_UNSPECIFIED=0 ORGANIZATION_CATEGORY_UNSPECIFIED value
         * @property {number} ORGANIZATION_CATEGORY_TERRORIST=1 ORGANIZATION_CATEGORY_TERRORIST value
         * @property {number} ORGANIZATION_CATEGORY_EXTREMIST=2 ORGANIZATION_CATEGORY_EXTREMIST value
         * @property {number} ORGANIZATION_CATEGORY_AFFILIATE=3 ORGANIZATION_CATEGORY_AFFILIATE value
         * @property {number} ORGANIZATION_CATEGORY_FINANCIER=4 ORGANIZATION_CATEGORY_FINANCIER value
         * @property {number} ORGANIZATION_CATEGORY_OTHER=5 ORGANIZATION_CATEGORY_OTHER value
         */
        v1.OrganizationCategory = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "ORGANIZATION_CATEGORY_UNSPECIFIED"] = 0;
            values[valuesById[1] = "ORGANIZATION_CATEGORY_TERRORIST"] = 1;
            values[valuesById[2] = "ORGANIZATION_CATEGORY_EXTREMIST"] = 2;
            values[valuesById[3] = "ORGANIZATION_CATEGORY_AFFILIATE"] = 3;
            values[valuesById[4] = "ORGANIZATION_CATEGORY_FINANCIER"] = 4;
            values[valuesById[5] = "ORGANIZATION_CATEGORY_OTHER"] = 5;
            return values;
        })();

        v1.OrganizationName = (function() {

            /**
             * Properties of an OrganizationName.
             * @typedef {Object} atc.v1.OrganizationName.$Properties
             * @property {string|null} [value] OrganizationName value
             * @property {string|null} [script] OrganizationName script
             * @property {string|null} [language] OrganizationName language
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an OrganizationName.
             * @memberof atc.v1
             * @interface IOrganizationName
             * @augments atc.v1.OrganizationName.$Properties
             * @deprecated Use atc.v1.OrganizationName.$Properties instead.
             */

            /**
             * Shape of an OrganizationName.
             * @typedef {atc.v1.OrganizationName.$Properties} atc.v1.OrganizationName.$Shape
             */

            /**
             * Constructs a new OrganizationName.
             * @memberof atc.v1
             * @classdesc Represents an OrganizationName.
             * @constructor
             * @param {atc.v1.OrganizationName.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const OrganizationName = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * OrganizationName value.
             * @member {string} value
             * @memberof atc.v1.OrganizationName
             * @instance
             */
            OrganizationName.prototype.value = "";

            /**
             * OrganizationName script.
             * @member {string} script
             * @memberof atc.v1.OrganizationName
             * @instance
             */
            OrganizationName.prototype.script = "";

            /**
             * OrganizationName language.
             * @member {string} language
             * @memberof atc.v1.OrganizationName
             * @instance
             */
            OrganizationName.prototype.language = "";

            /**
             * Creates a new OrganizationName instance using the specified properties.
             * @function create
             * @memberof atc.v1.OrganizationName
             * @static
             * @param {atc.v1.OrganizationName.$Properties=} [properties] Properties to set
             * @returns {atc.v1.OrganizationName} OrganizationName instance
             * @type {{
             *   (properties: atc.v1.OrganizationName.$Shape): atc.v1.OrganizationName & atc.v1.OrganizationName.$Shape;
             *   (properties?: atc.v1.OrganizationName.$Properties): atc.v1.OrganizationName;
             * }}
             */
            OrganizationName.create = function(properties) {
                return new OrganizationName(properties);
            };

            /**
             * Encodes the specified OrganizationName message. Does not implicitly {@link atc.v1.OrganizationName.verify|verify} messages.
             * @function encode
             * @memberof atc.v1.OrganizationName
             * @static
             * @param {atc.v1.OrganizationName.$Properties} message OrganizationName message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OrganizationName.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.value != null && $Object.hasOwnProperty.call(message, "value") && message.value !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.value);
                if (message.script != null && $Object.hasOwnProperty.call(message, "script") && message.script !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.script);
                if (message.language != null && $Object.hasOwnProperty.call(message, "language") && message.language !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.language);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified OrganizationName message, length delimited. Does not implicitly {@link atc.v1.OrganizationName.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atc.v1.OrganizationName
             * @static
             * @param {atc.v1.OrganizationName.$Properties} message OrganizationName message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OrganizationName.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an OrganizationName message from the specified reader or buffer.
             * @function decode
             * @memberof atc.v1.OrganizationName
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {atc.v1.OrganizationName & atc.v1.OrganizationName.$Shape} OrganizationName
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OrganizationName.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.atc.v1.OrganizationName();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.value = value;
                            else
                                delete message.value;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.script = value;
                            else
                                delete message.script;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.language = value;
                            else
                                delete message.language;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an OrganizationName message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atc.v1.OrganizationName
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atc.v1.OrganizationName & atc.v1.OrganizationName.$Shape} OrganizationName
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OrganizationName.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an OrganizationName message.
             * @function verify
             * @memberof atc.v1.OrganizationName
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            OrganizationName.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.value != null && $Object.hasOwnProperty.call(message, "value"))
                    if (!$util.isString(message.value))
                        return "value: string expected";
                if (message.script != null && $Object.hasOwnProperty.call(message, "script"))
                    if (!$util.isString(message.script))
                        return "script: string expected";
                if (message.language != null && $Object.hasOwnProperty.call(message, "language"))
                    if (!$util.isString(message.language))
                        return "language: string expected";
                return null;
            };

            /**
             * Creates an OrganizationName message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof atc.v1.OrganizationName
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {atc.v1.OrganizationName} OrganizationName
             */
            OrganizationName.fromObject = function (object, _depth) {
                if (object instanceof $root.atc.v1.OrganizationName)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".atc.v1.OrganizationName: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.atc.v1.OrganizationName();
                if (object.value != null)
                    if (typeof object.value !== "string" || object.value.length)
                        message.value = $String(object.value);
                if (object.script != null)
                    if (typeof object.script !== "string" || object.script.length)
                        message.script = $String(object.script);
                if (object.language != null)
                    if (typeof object.language !== "string" || object.language.length)
                        message.language = $String(object.language);
                return message;
            };

            /**
             * Creates a plain object from an OrganizationName message. Also converts values to other types if specified.
             * @function toObject
             * @memberof atc.v1.OrganizationName
             * @static
             * @param {atc.v1.OrganizationName} message OrganizationName
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            OrganizationName.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.value = "";
                    object.script = "";
                    object.language = "";
                }
                if (message.value != null && $Object.hasOwnProperty.call(message, "value"))
                    object.value = message.value;
                if (message.script != null && $Object.hasOwnProperty.call(message, "script"))
                    object.script = message.script;
                if (message.language != null && $Object.hasOwnProperty.call(message, "language"))
                    object.language = message.language;
                return object;
            };

            /**
             * Converts this OrganizationName to JSON.
             * @function toJSON
             * @memberof atc.v1.OrganizationName
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            OrganizationName.prototype.toJSON = function() {
                return OrganizationName.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for OrganizationName
             * @function getTypeUrl
             * @memberof atc.v1.OrganizationName
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            OrganizationName.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atc.v1.OrganizationName";
            };

            return OrganizationName;
        })();

        v1.Designation = (function() {

            /**
             * Properties of a Designation.
             * @typedef {Object} atc.v1.Designation.$Properties
             * @property {string|null} [authority] Designation authority
             * @property {string|null} [reference] Designation reference
             * @property {atc.v1.PartialDate.$Properties|null} [designatedOn] Designation designatedOn
             * @property {string|null} [country] Designation country
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Designation.
             * @memberof atc.v1
             * @interface IDesignation
             * @augments atc.v1.Designation.$Properties
             * @deprecated Use atc.v1.Designation.$Properties instead.
             */

            /**
             * Shape of a Designation.
             * @typedef {atc.v1.Designation.$Properties} atc.v1.Designation.$Shape
             */

            /**
             * Constructs a new Designation.
             * @memberof atc.v1
             * @classdesc Represents a Designation.
             * @constructor
             * @param {atc.v1.Designation.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Designation = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Designation authority.
             * @member {string} authority
             * @memberof atc.v1.Designation
             * @instance
             */
            Designation.prototype.authority = "";

            /**
             * Designation reference.
             * @member {string} reference
             * @memberof atc.v1.Designation
             * @instance
             */
            Designation.prototype.reference = "";

            /**
             * Designation designatedOn.
             * @member {atc.v1.PartialDate.$Properties|null|undefined} designatedOn
             * @memberof atc.v1.Designation
             * @instance
             */
            Designation.prototype.designatedOn = null;

            /**
             * Designation country.
             * @member {string} country
             * @memberof atc.v1.Designation
             * @instance
             */
            Designation.prototype.country = "";

            /**
             * Creates a new Designation instance using the specified properties.
             * @function create
             * @memberof atc.v1.Designation
             * @static
             * @param {atc.v1.Designation.$Properties=} [properties] Properties to set
             * @returns {atc.v1.Designation} Designation instance
             * @type {{
             *   (properties: atc.v1.Designation.$Shape): atc.v1.Designation & atc.v1.Designation.$Shape;
             *   (properties?: atc.v1.Designation.$Properties): atc.v1.Designation;
             * }}
             */
            Designation.create = function(properties) {
                return new Designation(properties);
            };

            /**
             * Encodes the specified Designation message. Does not implicitly {@link atc.v1.Designation.verify|verify} messages.
             * @function encode
             * @memberof atc.v1.Designation
             * @static
             * @param {atc.v1.Designation.$Properties} message Designation message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Designation.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.authority != null && $Object.hasOwnProperty.call(message, "authority") && message.authority !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.authority);
                if (message.reference != null && $Object.hasOwnProperty.call(message, "reference") && message.reference !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.reference);
                if (message.designatedOn != null && $Object.hasOwnProperty.call(message, "designatedOn"))
                    $root.atc.v1.PartialDate.encode(message.designatedOn, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.country != null && $Object.hasOwnProperty.call(message, "country") && message.country !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.country);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Designation message, length delimited. Does not implicitly {@link atc.v1.Designation.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atc.v1.Designation
             * @static
             * @param {atc.v1.Designation.$Properties} message Designation message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Designation.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Designation message from the specified reader or buffer.
             * @function decode
             * @memberof atc.v1.Designation
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {atc.v1.Designation & atc.v1.Designation.$Shape} Designation
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Designation.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.atc.v1.Designation();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.authority = value;
                            else
                                delete message.authority;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.reference = value;
                            else
                                delete message.reference;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.designatedOn = $root.atc.v1.PartialDate.decode(reader, reader.size(), $undefined, _depth + 1, message.designatedOn);
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.country = value;
                            else
                                delete message.country;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Designation message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atc.v1.Designation
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atc.v1.Designation & atc.v1.Designation.$Shape} Designation
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Designation.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Designation message.
             * @function verify
             * @memberof atc.v1.Designation
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Designation.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.authority != null && $Object.hasOwnProperty.call(message, "authority"))
                    if (!$util.isString(message.authority))
                        return "authority: string expected";
                if (message.reference != null && $Object.hasOwnProperty.call(message, "reference"))
                    if (!$util.isString(message.reference))
                        return "reference: string expected";
                if (message.designatedOn != null && $Object.hasOwnProperty.call(message, "designatedOn")) {
                    let error = $root.atc.v1.PartialDate.verify(message.designatedOn, _depth + 1);
                    if (error)
                        return "designatedOn." + error;
                }
                if (message.country != null && $Object.hasOwnProperty.call(message, "country"))
                    if (!$util.isString(message.country))
                        return "country: string expected";
                return null;
            };

            /**
             * Creates a Designation message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof atc.v1.Designation
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {atc.v1.Designation} Designation
             */
            Designation.fromObject = function (object, _depth) {
                if (object instanceof $root.atc.v1.Designation)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".atc.v1.Designation: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.atc.v1.Designation();
                if (object.authority != null)
                    if (typeof object.authority !== "string" || object.authority.length)
                        message.authority = $String(object.authority);
                if (object.reference != null)
                    if (typeof object.reference !== "string" || object.reference.length)
                        message.reference = $String(object.reference);
                if (object.designatedOn != null) {
                    if (!$util.isObject(object.designatedOn))
                        throw $TypeError(".atc.v1.Designation.designatedOn: object expected");
                    message.designatedOn = $root.atc.v1.PartialDate.fromObject(object.designatedOn, _depth + 1);
                }
                if (object.country != null)
                    if (typeof object.country !== "string" || object.country.length)
                        message.country = $String(object.country);
                return message;
            };

            /**
             * Creates a plain object from a Designation message. Also converts values to other types if specified.
             * @function toObject
             * @memberof atc.v1.Designation
             * @static
             * @param {atc.v1.Designation} message Designation
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Designation.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.authority = "";
                    object.reference = "";
                    object.designatedOn = null;
                    object.country = "";
                }
                if (message.authority != null && $Object.hasOwnProperty.call(message, "authority"))
                    object.authority = message.authority;
                if (message.reference != null && $Object.hasOwnProperty.call(message, "reference"))
                    object.reference = message.reference;
                if (message.designatedOn != null && $Object.hasOwnProperty.call(message, "designatedOn"))
                    object.designatedOn = $root.atc.v1.PartialDate.toObject(message.designatedOn, options, _depth + 1);
                if (message.country != null && $Object.hasOwnProperty.call(message, "country"))
                    object.country = message.country;
                return object;
            };

            /**
             * Converts this Designation to JSON.
             * @function toJSON
             * @memberof atc.v1.Designation
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Designation.prototype.toJSON = function() {
                return Designation.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Designation
             * @function getTypeUrl
             * @memberof atc.v1.Designation
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Designation.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atc.v1.Designation";
            };

            return Designation;
        })();

        v1.OrganizationRecord = (function() {

            /**
             * Properties of an OrganizationRecord.
             * @typedef {Object} atc.v1.OrganizationRecord.$Properties
             * @property {Uint8Array|null} [nonce] OrganizationRecord nonce
             * @property {string|null} [recordId] OrganizationRecord recordId
             * @property {number|null} [version] OrganizationRecord version
             * @property {atc.v1.OrganizationCategory|null} [category] OrganizationRecord category
             * @property {Array.<atc.v1.OrganizationName.$Properties>|null} [names] OrganizationRecord names
             * @property {Array.<atc.v1.OrganizationName.$Properties>|null} [aliases] OrganizationRecord aliases
             * @property {Array.<string>|null} [countries] OrganizationRecord countries
             * @property {Array.<atc.v1.Designation.$Properties>|null} [designations] OrganizationRecord designations
             * @property {string|null} [legalBasis] OrganizationRecord legalBasis
             * @property {string|null} [summary] OrganizationRecord summary
             * @property {Array.<atc.v1.RecordRef.$Properties>|null} [related] OrganizationRecord related
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an OrganizationRecord.
             * @memberof atc.v1
             * @interface IOrganizationRecord
             * @augments atc.v1.OrganizationRecord.$Properties
             * @deprecated Use atc.v1.OrganizationRecord.$Properties instead.
             */

            /**
             * Shape of an OrganizationRecord.
             * @typedef {atc.v1.OrganizationRecord.$Properties} atc.v1.OrganizationRecord.$Shape
             */

            /**
             * Constructs a new OrganizationRecord.
             * @memberof atc.v1
             * @classdesc Represents an OrganizationRecord.
             * @constructor
             * @param {atc.v1.OrganizationRecord.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const OrganizationRecord = function (properties) {
                this.names = [];
                this.aliases = [];
                this.countries = [];
                this.designations = [];
                this.related = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * OrganizationRecord nonce.
             * @member {Uint8Array} nonce
             * @memberof atc.v1.OrganizationRecord
             * @instance
             */
            OrganizationRecord.prototype.nonce = $util.newBuffer([]);

            /**
             * OrganizationRecord recordId.
             * @member {string} recordId
             * @memberof atc.v1.OrganizationRecord
             * @instance
             */
            OrganizationRecord.prototype.recordId = "";

            /**
             * OrganizationRecord version.
             * @member {number} version
             * @memberof atc.v1.OrganizationRecord
             * @instance
             */
            OrganizationRecord.prototype.version = 0;

            /**
             * OrganizationRecord category.
             * @member {atc.v1.OrganizationCategory} category
             * @memberof atc.v1.OrganizationRecord
             * @instance
             */
            OrganizationRecord.prototype.category = 0;

            /**
             * OrganizationRecord names.
             * @member {Array.<atc.v1.OrganizationName.$Properties>} names
             * @memberof atc.v1.OrganizationRecord
             * @instance
             */
            OrganizationRecord.prototype.names = $util.emptyArray;

            /**
             * OrganizationRecord aliases.
             * @member {Array.<atc.v1.OrganizationName.$Properties>} aliases
             * @memberof atc.v1.OrganizationRecord
             * @instance
             */
            OrganizationRecord.prototype.aliases = $util.emptyArray;

            /**
             * OrganizationRecord countries.
             * @member {Array.<string>} countries
             * @memberof atc.v1.OrganizationRecord
             * @instance
             */
            OrganizationRecord.prototype.countries = $util.emptyArray;

            /**
             * OrganizationRecord designations.
             * @member {Array.<atc.v1.Designation.$Properties>} designations
             * @memberof atc.v1.OrganizationRecord
             * @instance
             */
            OrganizationRecord.prototype.designations = $util.emptyArray;

            /**
             * OrganizationRecord legalBasis.
             * @member {string} legalBasis
             * @memberof atc.v1.OrganizationRecord
             * @instance
             */
            OrganizationRecord.prototype.legalBasis = "";

            /**
             * OrganizationRecord summary.
             * @member {string} summary
             * @memberof atc.v1.OrganizationRecord
             * @instance
             */
            OrganizationRecord.prototype.summary = "";

            /**
             * OrganizationRecord related.
             * @member {Array.<atc.v1.RecordRef.$Properties>} related
             * @memberof atc.v1.OrganizationRecord
             * @instance
             */
            OrganizationRecord.prototype.related = $util.emptyArray;

            /**
             * Creates a new OrganizationRecord instance using the specified properties.
             * @function create
             * @memberof atc.v1.OrganizationRecord
             * @static
             * @param {atc.v1.OrganizationRecord.$Properties=} [properties] Properties to set
             * @returns {atc.v1.OrganizationRecord} OrganizationRecord instance
             * @type {{
             *   (properties: atc.v1.OrganizationRecord.$Shape): atc.v1.OrganizationRecord & atc.v1.OrganizationRecord.$Shape;
             *   (properties?: atc.v1.OrganizationRecord.$Properties): atc.v1.OrganizationRecord;
             * }}
             */
            OrganizationRecord.create = function(properties) {
                return new OrganizationRecord(properties);
            };

            /**
             * Encodes the specified OrganizationRecord message. Does not implicitly {@link atc.v1.OrganizationRecord.verify|verify} messages.
             * @function encode
             * @memberof atc.v1.OrganizationRecord
             * @static
             * @param {atc.v1.OrganizationRecord.$Properties} message OrganizationRecord message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OrganizationRecord.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce") && message.nonce.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.nonce);
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId") && message.recordId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.recordId);
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.version);
                if (message.category != null && $Object.hasOwnProperty.call(message, "category") && message.category !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).int32(message.category);
                if (message.names != null && message.names.length)
                    for (let i = 0; i < message.names.length; ++i)
                        $root.atc.v1.OrganizationName.encode(message.names[i], writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.aliases != null && message.aliases.length)
                    for (let i = 0; i < message.aliases.length; ++i)
                        $root.atc.v1.OrganizationName.encode(message.aliases[i], writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.countries != null && message.countries.length)
                    for (let i = 0; i < message.countries.length; ++i)
                        writer.uint32(/* id 7, wireType 2 =*/58).string(message.countries[i]);
                if (message.designations != null && message.designations.length)
                    for (let i = 0; i < message.designations.length; ++i)
                        $root.atc.v1.Designation.encode(message.designations[i], writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
                if (message.legalBasis != null && $Object.hasOwnProperty.call(message, "legalBasis") && message.legalBasis !== "")
                    writer.uint32(/* id 9, wireType 2 =*/74).string(message.legalBasis);
                if (message.summary != null && $Object.hasOwnProperty.call(message, "summary") && message.summary !== "")
                    writer.uint32(/* id 10, wireType 2 =*/82).string(message.summary);
                if (message.related != null && message.related.length)
                    for (let i = 0; i < message.related.length; ++i)
                        $root.atc.v1.RecordRef.encode(message.related[i], writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified OrganizationRecord message, length delimited. Does not implicitly {@link atc.v1.OrganizationRecord.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atc.v1.OrganizationRecord
             * @static
             * @param {atc.v1.OrganizationRecord.$Properties} message OrganizationRecord message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OrganizationRecord.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an OrganizationRecord message from the specified reader or buffer.
             * @function decode
             * @memberof atc.v1.OrganizationRecord
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {atc.v1.OrganizationRecord & atc.v1.OrganizationRecord.$Shape} OrganizationRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OrganizationRecord.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.atc.v1.OrganizationRecord();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.nonce = value;
                            else
                                delete message.nonce;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.recordId = value;
                            else
                                delete message.recordId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.category = value;
                            else
                                delete message.category;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if (!(message.names && message.names.length))
                                message.names = [];
                            message.names.push($root.atc.v1.OrganizationName.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if (!(message.aliases && message.aliases.length))
                                message.aliases = [];
                            message.aliases.push($root.atc.v1.OrganizationName.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if (!(message.countries && message.countries.length))
                                message.countries = [];
                            message.countries.push(reader.stringVerify());
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if (!(message.designations && message.designations.length))
                                message.designations = [];
                            message.designations.push($root.atc.v1.Designation.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 9: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.legalBasis = value;
                            else
                                delete message.legalBasis;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.summary = value;
                            else
                                delete message.summary;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            if (!(message.related && message.related.length))
                                message.related = [];
                            message.related.push($root.atc.v1.RecordRef.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an OrganizationRecord message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atc.v1.OrganizationRecord
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atc.v1.OrganizationRecord & atc.v1.OrganizationRecord.$Shape} OrganizationRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OrganizationRecord.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an OrganizationRecord message.
             * @function verify
             * @memberof atc.v1.OrganizationRecord
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            OrganizationRecord.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    if (!(message.nonce && typeof message.nonce.length === "number" || $util.isString(message.nonce)))
                        return "nonce: buffer expected";
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId"))
                    if (!$util.isString(message.recordId))
                        return "recordId: string expected";
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    if (!$util.isInteger(message.version))
                        return "version: integer expected";
                if (message.category != null && $Object.hasOwnProperty.call(message, "category"))
                    if (typeof message.category !== "number" || (message.category | 0) !== message.category)
                        return "category: enum value expected";
                if (message.names != null && $Object.hasOwnProperty.call(message, "names")) {
                    if (!$Array.isArray(message.names))
                        return "names: array expected";
                    for (let i = 0; i < message.names.length; ++i) {
                        let error = $root.atc.v1.OrganizationName.verify(message.names[i], _depth + 1);
                        if (error)
                            return "names." + error;
                    }
                }
                if (message.aliases != null && $Object.hasOwnProperty.call(message, "aliases")) {
                    if (!$Array.isArray(message.aliases))
                        return "aliases: array expected";
                    for (let i = 0; i < message.aliases.length; ++i) {
                        let error = $root.atc.v1.OrganizationName.verify(message.aliases[i], _depth + 1);
                        if (error)
                            return "aliases." + error;
                    }
                }
                if (message.countries != null && $Object.hasOwnProperty.call(message, "countries")) {
                    if (!$Array.isArray(message.countries))
                        return "countries: array expected";
                    for (let i = 0; i < message.countries.length; ++i)
                        if (!$util.isString(message.countries[i]))
                            return "countries: string[] expected";
                }
                if (message.designations != null && $Object.hasOwnProperty.call(message, "designations")) {
                    if (!$Array.isArray(message.designations))
                        return "designations: array expected";
                    for (let i = 0; i < message.designations.length; ++i) {
                        let error = $root.atc.v1.Designation.verify(message.designations[i], _depth + 1);
                        if (error)
                            return "designations." + error;
                    }
                }
                if (message.legalBasis != null && $Object.hasOwnProperty.call(message, "legalBasis"))
                    if (!$util.isString(message.legalBasis))
                        return "legalBasis: string expected";
                if (message.summary != null && $Object.hasOwnProperty.call(message, "summary"))
                    if (!$util.isString(message.summary))
                        return "summary: string expected";
                if (message.related != null && $Object.hasOwnProperty.call(message, "related")) {
                    if (!$Array.isArray(message.related))
                        return "related: array expected";
                    for (let i = 0; i < message.related.length; ++i) {
                        let error = $root.atc.v1.RecordRef.verify(message.related[i], _depth + 1);
                        if (error)
                            return "related." + error;
                    }
                }
                return null;
            };

            /**
             * Creates an OrganizationRecord message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof atc.v1.OrganizationRecord
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {atc.v1.OrganizationRecord} OrganizationRecord
             */
            OrganizationRecord.fromObject = function (object, _depth) {
                if (object instanceof $root.atc.v1.OrganizationRecord)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".atc.v1.OrganizationRecord: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.atc.v1.OrganizationRecord();
                if (object.nonce != null)
                    if (object.nonce.length)
                        if (typeof object.nonce === "string")
                            $util.base64.decode(object.nonce, message.nonce = $util.newBuffer($util.base64.length(object.nonce)), 0);
                        else if (object.nonce.length >= 0)
                            message.nonce = object.nonce;
                if (object.recordId != null)
                    if (typeof object.recordId !== "string" || object.recordId.length)
                        message.recordId = $String(object.recordId);
                if (object.version != null)
                    if ($Number(object.version) !== 0)
                        message.version = object.version >>> 0;
                if (object.category !== 0 && (typeof object.category !== "string" || $root.atc.v1.OrganizationCategory[object.category] !== 0))
                    switch (object.category) {
                    case "ORGANIZATION_CATEGORY_UNSPECIFIED":
                    case 0:
                        message.category = 0;
                        break;
                    case "ORGANIZATION_CATEGORY_TERRORIST":
                    case 1:
                        message.category = 1;
                        break;
                    case "ORGANIZATION_CATEGORY_EXTREMIST":
                    case 2:
                        message.category = 2;
                        break;
                    case "ORGANIZATION_CATEGORY_AFFILIATE":
                    case 3:
                        message.category = 3;
                        break;
                    case "ORGANIZATION_CATEGORY_FINANCIER":
                    case 4:
                        message.category = 4;
                        break;
                    case "ORGANIZATION_CATEGORY_OTHER":
                    case 5:
                        message.category = 5;
                        break;
                    default:
                        if (typeof object.category === "number" && (object.category | 0) === object.category)
                            message.category = object.category;
                    }
                if (object.names) {
                    if (!$Array.isArray(object.names))
                        throw $TypeError(".atc.v1.OrganizationRecord.names: array expected");
                    message.names = $Array(object.names.length);
                    for (let i = 0; i < object.names.length; ++i) {
                        if (!$util.isObject(object.names[i]))
                            throw $TypeError(".atc.v1.OrganizationRecord.names: object expected");
                        message.names[i] = $root.atc.v1.OrganizationName.fromObject(object.names[i], _depth + 1);
                    }
                }
                if (object.aliases) {
                    if (!$Array.isArray(object.aliases))
                        throw $TypeError(".atc.v1.OrganizationRecord.aliases: array expected");
                    message.aliases = $Array(object.aliases.length);
                    for (let i = 0; i < object.aliases.length; ++i) {
                        if (!$util.isObject(object.aliases[i]))
                            throw $TypeError(".atc.v1.OrganizationRecord.aliases: object expected");
                        message.aliases[i] = $root.atc.v1.OrganizationName.fromObject(object.aliases[i], _depth + 1);
                    }
                }
                if (object.countries) {
                    if (!$Array.isArray(object.countries))
                        throw $TypeError(".atc.v1.OrganizationRecord.countries: array expected");
                    message.countries = $Array(object.countries.length);
                    for (let i = 0; i < object.countries.length; ++i)
                        message.countries[i] = $String(object.countries[i]);
                }
                if (object.designations) {
                    if (!$Array.isArray(object.designations))
                        throw $TypeError(".atc.v1.OrganizationRecord.designations: array expected");
                    message.designations = $Array(object.designations.length);
                    for (let i = 0; i < object.designations.length; ++i) {
                        if (!$util.isObject(object.designations[i]))
                            throw $TypeError(".atc.v1.OrganizationRecord.designations: object expected");
                        message.designations[i] = $root.atc.v1.Designation.fromObject(object.designations[i], _depth + 1);
                    }
                }
                if (object.legalBasis != null)
                    if (typeof object.legalBasis !== "string" || object.legalBasis.length)
                        message.legalBasis = $String(object.legalBasis);
                if (object.summary != null)
                    if (typeof object.summary !== "string" || object.summary.length)
                        message.summary = $String(object.summary);
                if (object.related) {
                    if (!$Array.isArray(object.related))
                        throw $TypeError(".atc.v1.OrganizationRecord.related: array expected");
                    message.related = $Array(object.related.length);
                    for (let i = 0; i < object.related.length; ++i) {
                        if (!$util.isObject(object.related[i]))
                            throw $TypeError(".atc.v1.OrganizationRecord.related: object expected");
                        message.related[i] = $root.atc.v1.RecordRef.fromObject(object.related[i], _depth + 1);
                    }
                }
                return message;
            };

            /**
             * Creates a plain object from an OrganizationRecord message. Also converts values to other types if specified.
             * @function toObject
             * @memberof atc.v1.OrganizationRecord
             * @static
             * @param {atc.v1.OrganizationRecord} message OrganizationRecord
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            OrganizationRecord.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults) {
                    object.names = [];
                    object.aliases = [];
                    object.countries = [];
                    object.designations = [];
                    object.related = [];
                }
                if (options.defaults) {
                    if (options.bytes === $String)
                        object.nonce = "";
                    else {
                        object.nonce = [];
                        if (options.bytes !== $Array)
                            object.nonce = $util.newBuffer(object.nonce);
                    }
                    object.recordId = "";
                    object.version = 0;
                    object.category = options.enums === $String ? "ORGANIZATION_CATEGORY_UNSPECIFIED" : 0;
                    object.legalBasis = "";
                    object.summary = "";
                }
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    object.nonce = options.bytes === $String ? $util.base64.encode(message.nonce, 0, message.nonce.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.nonce) : message.nonce;
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId"))
                    object.recordId = message.recordId;
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    object.version = message.version;
                if (message.category != null && $Object.hasOwnProperty.call(message, "category"))
                    object.category = options.enums === $String ? $root.atc.v1.OrganizationCategory[message.category] === $undefined ? message.category : $root.atc.v1.OrganizationCategory[message.category] : message.category;
                if (message.names && message.names.length) {
                    object.names = $Array(message.names.length);
                    for (let j = 0; j < message.names.length; ++j)
                        object.names[j] = $root.atc.v1.OrganizationName.toObject(message.names[j], options, _depth + 1);
                }
                if (message.aliases && message.aliases.length) {
                    object.aliases = $Array(message.aliases.length);
                    for (let j = 0; j < message.aliases.length; ++j)
                        object.aliases[j] = $root.atc.v1.OrganizationName.toObject(message.aliases[j], options, _depth + 1);
                }
                if (message.countries && message.countries.length) {
                    object.countries = $Array(message.countries.length);
                    for (let j = 0; j < message.countries.length; ++j)
                        object.countries[j] = message.countries[j];
                }
                if (message.designations && message.designations.length) {
                    object.designations = $Array(message.designations.length);
                    for (let j = 0; j < message.designations.length; ++j)
                        object.designations[j] = $root.atc.v1.Designation.toObject(message.designations[j], options, _depth + 1);
                }
                if (message.legalBasis != null && $Object.hasOwnProperty.call(message, "legalBasis"))
                    object.legalBasis = message.legalBasis;
                if (message.summary != null && $Object.hasOwnProperty.call(message, "summary"))
                    object.summary = message.summary;
                if (message.related && message.related.length) {
                    object.related = $Array(message.related.length);
                    for (let j = 0; j < message.related.length; ++j)
                        object.related[j] = $root.atc.v1.RecordRef.toObject(message.related[j], options, _depth + 1);
                }
                return object;
            };

            /**
             * Converts this OrganizationRecord to JSON.
             * @function toJSON
             * @memberof atc.v1.OrganizationRecord
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            OrganizationRecord.prototype.toJSON = function() {
                return OrganizationRecord.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for OrganizationRecord
             * @function getTypeUrl
             * @memberof atc.v1.OrganizationRecord
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            OrganizationRecord.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atc.v1.OrganizationRecord";
            };

            return OrganizationRecord;
        })();

        /**
         * IncidentCategory enum.
         * @name atc.v1.IncidentCategory
         * @enum {number}
         * @property {number} INCIDENT_CATEGORY_UNSPECIFIED=0 INCIDENT_CATEGORY_UNSPECIFIED value
         * @property {number} INCIDENT_CATEGORY_ATTACK=1 INCIDENT_CATEGORY_ATTACK value
         * @property {number} INCIDENT_CATEGORY_ATTEMPT=2 INCIDENT_CATEGORY_ATTEMPT value
         * @property {number} INCIDENT_CATEGORY_PLOT_DISRUPTED=3 INCIDENT_CATEGORY_PLOT_DISRUPTED value
         * @property {number} INCIDENT_CATEGORY_THREAT=4 INCIDENT_CATEGORY_THREAT value
         * @property {number} INCIDENT_CATEGORY_FINANCING=5 INCIDENT_CATEGORY_FINANCING value
         * @property {number} INCIDENT_CATEGORY_RECRUITMENT=6 INCIDENT_CATEGORY_RECRUITMENT value
         * @property {number} INCIDENT_CATEGORY_BORDER_CROSSING=7 INCIDENT_CATEGORY_BORDER_CROSSING value
         * @property {number} INCIDENT_CATEGORY_OTHER=8 INCIDENT_CATEGORY_OTHER value
         */
        v1.IncidentCategory = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "INCIDENT_CATEGORY_UNSPECIFIED"] = 0;
            values[valuesById[1] = "INCIDENT_CATEGORY_ATTACK"] = 1;
            values[valuesById[2] = "INCIDENT_CATEGORY_ATTEMPT"] = 2;
            values[valuesById[3] = "INCIDENT_CATEGORY_PLOT_DISRUPTED"] = 3;
            values[valuesById[4] = "INCIDENT_CATEGORY_THREAT"] = 4;
            values[valuesById[5] = "INCIDENT_CATEGORY_FINANCING"] = 5;
            values[valuesById[6] = "INCIDENT_CATEGORY_RECRUITMENT"] = 6;
            values[valuesById[7] = "INCIDENT_CATEGORY_BORDER_CROSSING"] = 7;
            values[valuesById[8] = "INCIDENT_CATEGORY_OTHER"] = 8;
            return values;
        })();

        v1.IncidentReport = (function() {

            /**
             * Properties of an IncidentReport.
             * @typedef {Object} atc.v1.IncidentReport.$Properties
             * @property {Uint8Array|null} [nonce] IncidentReport nonce
             * @property {string|null} [recordId] IncidentReport recordId
             * @property {number|null} [version] IncidentReport version
             * @property {atc.v1.IncidentCategory|null} [category] IncidentReport category
             * @property {google.protobuf.Timestamp.$Properties|null} [occurredAt] IncidentReport occurredAt
             * @property {string|null} [country] IncidentReport country
             * @property {string|null} [location] IncidentReport location
             * @property {string|null} [title] IncidentReport title
             * @property {string|null} [summary] IncidentReport summary
             * @property {number|null} [killed] IncidentReport killed
             * @property {number|null} [injured] IncidentReport injured
             * @property {Array.<atc.v1.RecordRef.$Properties>|null} [related] IncidentReport related
             * @property {string|null} [legalBasis] IncidentReport legalBasis
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an IncidentReport.
             * @memberof atc.v1
             * @interface IIncidentReport
             * @augments atc.v1.IncidentReport.$Properties
             * @deprecated Use atc.v1.IncidentReport.$Properties instead.
             */

            /**
             * Shape of an IncidentReport.
             * @typedef {atc.v1.IncidentReport.$Properties} atc.v1.IncidentReport.$Shape
             */

            /**
             * Constructs a new IncidentReport.
             * @memberof atc.v1
             * @classdesc Represents an IncidentReport.
             * @constructor
             * @param {atc.v1.IncidentReport.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const IncidentReport = function (properties) {
                this.related = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * IncidentReport nonce.
             * @member {Uint8Array} nonce
             * @memberof atc.v1.IncidentReport
             * @instance
             */
            IncidentReport.prototype.nonce = $util.newBuffer([]);

            /**
             * IncidentReport recordId.
             * @member {string} recordId
             * @memberof atc.v1.IncidentReport
             * @instance
             */
            IncidentReport.prototype.recordId = "";

            /**
             * IncidentReport version.
             * @member {number} version
             * @memberof atc.v1.IncidentReport
             * @instance
             */
            IncidentReport.prototype.version = 0;

            /**
             * IncidentReport category.
             * @member {atc.v1.IncidentCategory} category
             * @memberof atc.v1.IncidentReport
             * @instance
             */
            IncidentReport.prototype.category = 0;

            /**
             * IncidentReport occurredAt.
             * @member {google.protobuf.Timestamp.$Properties|null|undefined} occurredAt
             * @memberof atc.v1.IncidentReport
             * @instance
             */
            IncidentReport.prototype.occurredAt = null;

            /**
             * IncidentReport country.
             * @member {string} country
             * @memberof atc.v1.IncidentReport
             * @instance
             */
            IncidentReport.prototype.country = "";

            /**
             * IncidentReport location.
             * @member {string} location
             * @memberof atc.v1.IncidentReport
             * @instance
             */
            IncidentReport.prototype.location = "";

            /**
             * IncidentReport title.
             * @member {string} title
             * @memberof atc.v1.IncidentReport
             * @instance
             */
            IncidentReport.prototype.title = "";

            /**
             * IncidentReport summary.
             * @member {string} summary
             * @memberof atc.v1.IncidentReport
             * @instance
             */
            IncidentReport.prototype.summary = "";

            /**
             * IncidentReport killed.
             * @member {number} killed
             * @memberof atc.v1.IncidentReport
             * @instance
             */
            IncidentReport.prototype.killed = 0;

            /**
             * IncidentReport injured.
             * @member {number} injured
             * @memberof atc.v1.IncidentReport
             * @instance
             */
            IncidentReport.prototype.injured = 0;

            /**
             * IncidentReport related.
             * @member {Array.<atc.v1.RecordRef.$Properties>} related
             * @memberof atc.v1.IncidentReport
             * @instance
             */
            IncidentReport.prototype.related = $util.emptyArray;

            /**
             * IncidentReport legalBasis.
             * @member {string} legalBasis
             * @memberof atc.v1.IncidentReport
             * @instance
             */
            IncidentReport.prototype.legalBasis = "";

            /**
             * Creates a new IncidentReport instance using the specified properties.
             * @function create
             * @memberof atc.v1.IncidentReport
             * @static
             * @param {atc.v1.IncidentReport.$Properties=} [properties] Properties to set
             * @returns {atc.v1.IncidentReport} IncidentReport instance
             * @type {{
             *   (properties: atc.v1.IncidentReport.$Shape): atc.v1.IncidentReport & atc.v1.IncidentReport.$Shape;
             *   (properties?: atc.v1.IncidentReport.$Properties): atc.v1.IncidentReport;
             * }}
             */
            IncidentReport.create = function(properties) {
                return new IncidentReport(properties);
            };

            /**
             * Encodes the specified IncidentReport message. Does not implicitly {@link atc.v1.IncidentReport.verify|verify} messages.
             * @function encode
             * @memberof atc.v1.IncidentReport
             * @static
             * @param {atc.v1.IncidentReport.$Properties} message IncidentReport message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            IncidentReport.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce") && message.nonce.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.nonce);
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId") && message.recordId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.recordId);
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.version);
                if (message.category != null && $Object.hasOwnProperty.call(message, "category") && message.category !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).int32(message.category);
                if (message.occurredAt != null && $Object.hasOwnProperty.call(message, "occurredAt"))
                    $root.google.protobuf.Timestamp.encode(message.occurredAt, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.country != null && $Object.hasOwnProperty.call(message, "country") && message.country !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.country);
                if (message.location != null && $Object.hasOwnProperty.call(message, "location") && message.location !== "")
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.location);
                if (message.title != null && $Object.hasOwnProperty.call(message, "title") && message.title !== "")
                    writer.uint32(/* id 8, wireType 2 =*/66).string(message.title);
                if (message.summary != null && $Object.hasOwnProperty.call(message, "summary") && message.summary !== "")
                    writer.uint32(/* id 9, wireType 2 =*/74).string(message.summary);
                if (message.killed != null && $Object.hasOwnProperty.call(message, "killed") && message.killed !== 0)
                    writer.uint32(/* id 10, wireType 0 =*/80).uint32(message.killed);
                if (message.injured != null && $Object.hasOwnProperty.call(message, "injured") && message.injured !== 0)
                    writer.uint32(/* id 11, wireType 0 =*/88).uint32(message.injured);
                if (message.related != null && message.related.length)
                    for (let i = 0; i < message.related.length; ++i)
                        $root.atc.v1.RecordRef.encode(message.related[i], writer.uint32(/* id 12, wireType 2 =*/98).fork(), _depth + 1).ldelim();
                if (message.legalBasis != null && $Object.hasOwnProperty.call(message, "legalBasis") && message.legalBasis !== "")
                    writer.uint32(/* id 13, wireType 2 =*/106).string(message.legalBasis);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified IncidentReport message, length delimited. Does not implicitly {@link atc.v1.IncidentReport.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atc.v1.IncidentReport
             * @static
             * @param {atc.v1.IncidentReport.$Properties} message IncidentReport message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            IncidentReport.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an IncidentReport message from the specified reader or buffer.
             * @function decode
             * @memberof atc.v1.IncidentReport
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {atc.v1.IncidentReport & atc.v1.IncidentReport.$Shape} IncidentReport
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            IncidentReport.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.atc.v1.IncidentReport();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.nonce = value;
                            else
                                delete message.nonce;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.recordId = value;
                            else
                                delete message.recordId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.category = value;
                            else
                                delete message.category;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.occurredAt = $root.google.protobuf.Timestamp.decode(reader, reader.size(), $undefined, _depth + 1, message.occurredAt);
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.country = value;
                            else
                                delete message.country;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.location = value;
                            else
                                delete message.location;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.title = value;
                            else
                                delete message.title;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.summary = value;
                            else
                                delete message.summary;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.killed = value;
                            else
                                delete message.killed;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.injured = value;
                            else
                                delete message.injured;
                            continue;
                        }
                    case 12: {
                            if (wireType !== 2)
                                break;
                            if (!(message.related && message.related.length))
                                message.related = [];
                            message.related.push($root.atc.v1.RecordRef.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 13: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.legalBasis = value;
                            else
                                delete message.legalBasis;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an IncidentReport message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atc.v1.IncidentReport
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atc.v1.IncidentReport & atc.v1.IncidentReport.$Shape} IncidentReport
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            IncidentReport.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an IncidentReport message.
             * @function verify
             * @memberof atc.v1.IncidentReport
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            IncidentReport.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    if (!(message.nonce && typeof message.nonce.length === "number" || $util.isString(message.nonce)))
                        return "nonce: buffer expected";
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId"))
                    if (!$util.isString(message.recordId))
                        return "recordId: string expected";
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    if (!$util.isInteger(message.version))
                        return "version: integer expected";
                if (message.category != null && $Object.hasOwnProperty.call(message, "category"))
                    if (typeof message.category !== "number" || (message.category | 0) !== message.category)
                        return "category: enum value expected";
                if (message.occurredAt != null && $Object.hasOwnProperty.call(message, "occurredAt")) {
                    let error = $root.google.protobuf.Timestamp.verify(message.occurredAt, _depth + 1);
                    if (error)
                        return "occurredAt." + error;
                }
                if (message.country != null && $Object.hasOwnProperty.call(message, "country"))
                    if (!$util.isString(message.country))
                        return "country: string expected";
                if (message.location != null && $Object.hasOwnProperty.call(message, "location"))
                    if (!$util.isString(message.location))
                        return "location: string expected";
                if (message.title != null && $Object.hasOwnProperty.call(message, "title"))
                    if (!$util.isString(message.title))
                        return "title: string expected";
                if (message.summary != null && $Object.hasOwnProperty.call(message, "summary"))
                    if (!$util.isString(message.summary))
                        return "summary: string expected";
                if (message.killed != null && $Object.hasOwnProperty.call(message, "killed"))
                    if (!$util.isInteger(message.killed))
                        return "killed: integer expected";
                if (message.injured != null && $Object.hasOwnProperty.call(message, "injured"))
                    if (!$util.isInteger(message.injured))
                        return "injured: integer expected";
                if (message.related != null && $Object.hasOwnProperty.call(message, "related")) {
                    if (!$Array.isArray(message.related))
                        return "related: array expected";
                    for (let i = 0; i < message.related.length; ++i) {
                        let error = $root.atc.v1.RecordRef.verify(message.related[i], _depth + 1);
                        if (error)
                            return "related." + error;
                    }
                }
                if (message.legalBasis != null && $Object.hasOwnProperty.call(message, "legalBasis"))
                    if (!$util.isString(message.legalBasis))
                        return "legalBasis: string expected";
                return null;
            };

            /**
             * Creates an IncidentReport message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof atc.v1.IncidentReport
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {atc.v1.IncidentReport} IncidentReport
             */
            IncidentReport.fromObject = function (object, _depth) {
                if (object instanceof $root.atc.v1.IncidentReport)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".atc.v1.IncidentReport: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.atc.v1.IncidentReport();
                if (object.nonce != null)
                    if (object.nonce.length)
                        if (typeof object.nonce === "string")
                            $util.base64.decode(object.nonce, message.nonce = $util.newBuffer($util.base64.length(object.nonce)), 0);
                        else if (object.nonce.length >= 0)
                            message.nonce = object.nonce;
                if (object.recordId != null)
                    if (typeof object.recordId !== "string" || object.recordId.length)
                        message.recordId = $String(object.recordId);
                if (object.version != null)
                    if ($Number(object.version) !== 0)
                        message.version = object.version >>> 0;
                if (object.category !== 0 && (typeof object.category !== "string" || $root.atc.v1.IncidentCategory[object.category] !== 0))
                    switch (object.category) {
                    case "INCIDENT_CATEGORY_UNSPECIFIED":
                    case 0:
                        message.category = 0;
                        break;
                    case "INCIDENT_CATEGORY_ATTACK":
                    case 1:
                        message.category = 1;
                        break;
                    case "INCIDENT_CATEGORY_ATTEMPT":
                    case 2:
                        message.category = 2;
                        break;
                    case "INCIDENT_CATEGORY_PLOT_DISRUPTED":
                    case 3:
                        message.category = 3;
                        break;
                    case "INCIDENT_CATEGORY_THREAT":
                    case 4:
                        message.category = 4;
                        break;
                    case "INCIDENT_CATEGORY_FINANCING":
                    case 5:
                        message.category = 5;
                        break;
                    case "INCIDENT_CATEGORY_RECRUITMENT":
                    case 6:
                        message.category = 6;
                        break;
                    case "INCIDENT_CATEGORY_BORDER_CROSSING":
                    case 7:
                        message.category = 7;
                        break;
                    case "INCIDENT_CATEGORY_OTHER":
                    case 8:
                        message.category = 8;
                        break;
                    default:
                        if (typeof object.category === "number" && (object.category | 0) === object.category)
                            message.category = object.category;
                    }
                if (object.occurredAt != null) {
                    if (!$util.isObject(object.occurredAt))
                        throw $TypeError(".atc.v1.IncidentReport.occurredAt: object expected");
                    message.occurredAt = $root.google.protobuf.Timestamp.fromObject(object.occurredAt, _depth + 1);
                }
                if (object.country != null)
                    if (typeof object.country !== "string" || object.country.length)
                        message.country = $String(object.country);
                if (object.location != null)
                    if (typeof object.location !== "string" || object.location.length)
                        message.location = $String(object.location);
                if (object.title != null)
                    if (typeof object.title !== "string" || object.title.length)
                        message.title = $String(object.title);
                if (object.summary != null)
                    if (typeof object.summary !== "string" || object.summary.length)
                        message.summary = $String(object.summary);
                if (object.killed != null)
                    if ($Number(object.killed) !== 0)
                        message.killed = object.killed >>> 0;
                if (object.injured != null)
                    if ($Number(object.injured) !== 0)
                        message.injured = object.injured >>> 0;
                if (object.related) {
                    if (!$Array.isArray(object.related))
                        throw $TypeError(".atc.v1.IncidentReport.related: array expected");
                    message.related = $Array(object.related.length);
                    for (let i = 0; i < object.related.length; ++i) {
                        if (!$util.isObject(object.related[i]))
                            throw $TypeError(".atc.v1.IncidentReport.related: object expected");
                        message.related[i] = $root.atc.v1.RecordRef.fromObject(object.related[i], _depth + 1);
                    }
                }
                if (object.legalBasis != null)
                    if (typeof object.legalBasis !== "string" || object.legalBasis.length)
                        message.legalBasis = $String(object.legalBasis);
                return message;
            };

            /**
             * Creates a plain object from an IncidentReport message. Also converts values to other types if specified.
             * @function toObject
             * @memberof atc.v1.IncidentReport
             * @static
             * @param {atc.v1.IncidentReport} message IncidentReport
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            IncidentReport.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.related = [];
                if (options.defaults) {
                    if (options.bytes === $String)
                        object.nonce = "";
                    else {
                        object.nonce = [];
                        if (options.bytes !== $Array)
                            object.nonce = $util.newBuffer(object.nonce);
                    }
                    object.recordId = "";
                    object.version = 0;
                    object.category = options.enums === $String ? "INCIDENT_CATEGORY_UNSPECIFIED" : 0;
                    object.occurredAt = null;
                    object.country = "";
                    object.location = "";
                    object.title = "";
                    object.summary = "";
                    object.killed = 0;
                    object.injured = 0;
                    object.legalBasis = "";
                }
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    object.nonce = options.bytes === $String ? $util.base64.encode(message.nonce, 0, message.nonce.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.nonce) : message.nonce;
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId"))
                    object.recordId = message.recordId;
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    object.version = message.version;
                if (message.category != null && $Object.hasOwnProperty.call(message, "category"))
                    object.category = options.enums === $String ? $root.atc.v1.IncidentCategory[message.category] === $undefined ? message.category : $root.atc.v1.IncidentCategory[message.category] : message.category;
                if (message.occurredAt != null && $Object.hasOwnProperty.call(message, "occurredAt"))
                    object.occurredAt = $root.google.protobuf.Timestamp.toObject(message.occurredAt, options, _depth + 1);
                if (message.country != null && $Object.hasOwnProperty.call(message, "country"))
                    object.country = message.country;
                if (message.location != null && $Object.hasOwnProperty.call(message, "location"))
                    object.location = message.location;
                if (message.title != null && $Object.hasOwnProperty.call(message, "title"))
                    object.title = message.title;
                if (message.summary != null && $Object.hasOwnProperty.call(message, "summary"))
                    object.summary = message.summary;
                if (message.killed != null && $Object.hasOwnProperty.call(message, "killed"))
                    object.killed = message.killed;
                if (message.injured != null && $Object.hasOwnProperty.call(message, "injured"))
                    object.injured = message.injured;
                if (message.related && message.related.length) {
                    object.related = $Array(message.related.length);
                    for (let j = 0; j < message.related.length; ++j)
                        object.related[j] = $root.atc.v1.RecordRef.toObject(message.related[j], options, _depth + 1);
                }
                if (message.legalBasis != null && $Object.hasOwnProperty.call(message, "legalBasis"))
                    object.legalBasis = message.legalBasis;
                return object;
            };

            /**
             * Converts this IncidentReport to JSON.
             * @function toJSON
             * @memberof atc.v1.IncidentReport
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            IncidentReport.prototype.toJSON = function() {
                return IncidentReport.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for IncidentReport
             * @function getTypeUrl
             * @memberof atc.v1.IncidentReport
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            IncidentReport.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atc.v1.IncidentReport";
            };

            return IncidentReport;
        })();

        v1.InformationRequest = (function() {

            /**
             * Properties of an InformationRequest.
             * @typedef {Object} atc.v1.InformationRequest.$Properties
             * @property {Uint8Array|null} [nonce] InformationRequest nonce
             * @property {string|null} [recordId] InformationRequest recordId
             * @property {number|null} [version] InformationRequest version
             * @property {string|null} [subject] InformationRequest subject
             * @property {Array.<string>|null} [questions] InformationRequest questions
             * @property {Array.<atc.v1.RecordRef.$Properties>|null} [about] InformationRequest about
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an InformationRequest.
             * @memberof atc.v1
             * @interface IInformationRequest
             * @augments atc.v1.InformationRequest.$Properties
             * @deprecated Use atc.v1.InformationRequest.$Properties instead.
             */

            /**
             * Shape of an InformationRequest.
             * @typedef {atc.v1.InformationRequest.$Properties} atc.v1.InformationRequest.$Shape
             */

            /**
             * Constructs a new InformationRequest.
             * @memberof atc.v1
             * @classdesc Represents an InformationRequest.
             * @constructor
             * @param {atc.v1.InformationRequest.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const InformationRequest = function (properties) {
                this.questions = [];
                this.about = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * InformationRequest nonce.
             * @member {Uint8Array} nonce
             * @memberof atc.v1.InformationRequest
             * @instance
             */
            InformationRequest.prototype.nonce = $util.newBuffer([]);

            /**
             * InformationRequest recordId.
             * @member {string} recordId
             * @memberof atc.v1.InformationRequest
             * @instance
             */
            InformationRequest.prototype.recordId = "";

            /**
             * InformationRequest version.
             * @member {number} version
             * @memberof atc.v1.InformationRequest
             * @instance
             */
            InformationRequest.prototype.version = 0;

            /**
             * InformationRequest subject.
             * @member {string} subject
             * @memberof atc.v1.InformationRequest
             * @instance
             */
            InformationRequest.prototype.subject = "";

            /**
             * InformationRequest questions.
             * @member {Array.<string>} questions
             * @memberof atc.v1.InformationRequest
             * @instance
             */
            InformationRequest.prototype.questions = $util.emptyArray;

            /**
             * InformationRequest about.
             * @member {Array.<atc.v1.RecordRef.$Properties>} about
             * @memberof atc.v1.InformationRequest
             * @instance
             */
            InformationRequest.prototype.about = $util.emptyArray;

            /**
             * Creates a new InformationRequest instance using the specified properties.
             * @function create
             * @memberof atc.v1.InformationRequest
             * @static
             * @param {atc.v1.InformationRequest.$Properties=} [properties] Properties to set
             * @returns {atc.v1.InformationRequest} InformationRequest instance
             * @type {{
             *   (properties: atc.v1.InformationRequest.$Shape): atc.v1.InformationRequest & atc.v1.InformationRequest.$Shape;
             *   (properties?: atc.v1.InformationRequest.$Properties): atc.v1.InformationRequest;
             * }}
             */
            InformationRequest.create = function(properties) {
                return new InformationRequest(properties);
            };

            /**
             * Encodes the specified InformationRequest message. Does not implicitly {@link atc.v1.InformationRequest.verify|verify} messages.
             * @function encode
             * @memberof atc.v1.InformationRequest
             * @static
             * @param {atc.v1.InformationRequest.$Properties} message InformationRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            InformationRequest.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce") && message.nonce.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.nonce);
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId") && message.recordId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.recordId);
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.version);
                if (message.subject != null && $Object.hasOwnProperty.call(message, "subject") && message.subject !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.subject);
                if (message.questions != null && message.questions.length)
                    for (let i = 0; i < message.questions.length; ++i)
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.questions[i]);
                if (message.about != null && message.about.length)
                    for (let i = 0; i < message.about.length; ++i)
                        $root.atc.v1.RecordRef.encode(message.about[i], writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified InformationRequest message, length delimited. Does not implicitly {@link atc.v1.InformationRequest.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atc.v1.InformationRequest
             * @static
             * @param {atc.v1.InformationRequest.$Properties} message InformationRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            InformationRequest.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an InformationRequest message from the specified reader or buffer.
             * @function decode
             * @memberof atc.v1.InformationRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {atc.v1.InformationRequest & atc.v1.InformationRequest.$Shape} InformationRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            InformationRequest.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.atc.v1.InformationRequest();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.nonce = value;
                            else
                                delete message.nonce;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.recordId = value;
                            else
                                delete message.recordId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.subject = value;
                            else
                                delete message.subject;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if (!(message.questions && message.questions.length))
                                message.questions = [];
                            message.questions.push(reader.stringVerify());
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if (!(message.about && message.about.length))
                                message.about = [];
                            message.about.push($root.atc.v1.RecordRef.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an InformationRequest message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atc.v1.InformationRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atc.v1.InformationRequest & atc.v1.InformationRequest.$Shape} InformationRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            InformationRequest.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an InformationRequest message.
             * @function verify
             * @memberof atc.v1.InformationRequest
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            InformationRequest.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    if (!(message.nonce && typeof message.nonce.length === "number" || $util.isString(message.nonce)))
                        return "nonce: buffer expected";
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId"))
                    if (!$util.isString(message.recordId))
                        return "recordId: string expected";
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    if (!$util.isInteger(message.version))
                        return "version: integer expected";
                if (message.subject != null && $Object.hasOwnProperty.call(message, "subject"))
                    if (!$util.isString(message.subject))
                        return "subject: string expected";
                if (message.questions != null && $Object.hasOwnProperty.call(message, "questions")) {
                    if (!$Array.isArray(message.questions))
                        return "questions: array expected";
                    for (let i = 0; i < message.questions.length; ++i)
                        if (!$util.isString(message.questions[i]))
                            return "questions: string[] expected";
                }
                if (message.about != null && $Object.hasOwnProperty.call(message, "about")) {
                    if (!$Array.isArray(message.about))
                        return "about: array expected";
                    for (let i = 0; i < message.about.length; ++i) {
                        let error = $root.atc.v1.RecordRef.verify(message.about[i], _depth + 1);
                        if (error)
                            return "about." + error;
                    }
                }
                return null;
            };

            /**
             * Creates an InformationRequest message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof atc.v1.InformationRequest
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {atc.v1.InformationRequest} InformationRequest
             */
            InformationRequest.fromObject = function (object, _depth) {
                if (object instanceof $root.atc.v1.InformationRequest)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".atc.v1.InformationRequest: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.atc.v1.InformationRequest();
                if (object.nonce != null)
                    if (object.nonce.length)
                        if (typeof object.nonce === "string")
                            $util.base64.decode(object.nonce, message.nonce = $util.newBuffer($util.base64.length(object.nonce)), 0);
                        else if (object.nonce.length >= 0)
                            message.nonce = object.nonce;
                if (object.recordId != null)
                    if (typeof object.recordId !== "string" || object.recordId.length)
                        message.recordId = $String(object.recordId);
                if (object.version != null)
                    if ($Number(object.version) !== 0)
                        message.version = object.version >>> 0;
                if (object.subject != null)
                    if (typeof object.subject !== "string" || object.subject.length)
                        message.subject = $String(object.subject);
                if (object.questions) {
                    if (!$Array.isArray(object.questions))
                        throw $TypeError(".atc.v1.InformationRequest.questions: array expected");
                    message.questions = $Array(object.questions.length);
                    for (let i = 0; i < object.questions.length; ++i)
                        message.questions[i] = $String(object.questions[i]);
                }
                if (object.about) {
                    if (!$Array.isArray(object.about))
                        throw $TypeError(".atc.v1.InformationRequest.about: array expected");
                    message.about = $Array(object.about.length);
                    for (let i = 0; i < object.about.length; ++i) {
                        if (!$util.isObject(object.about[i]))
                            throw $TypeError(".atc.v1.InformationRequest.about: object expected");
                        message.about[i] = $root.atc.v1.RecordRef.fromObject(object.about[i], _depth + 1);
                    }
                }
                return message;
            };

            /**
             * Creates a plain object from an InformationRequest message. Also converts values to other types if specified.
             * @function toObject
             * @memberof atc.v1.InformationRequest
             * @static
             * @param {atc.v1.InformationRequest} message InformationRequest
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            InformationRequest.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults) {
                    object.questions = [];
                    object.about = [];
                }
                if (options.defaults) {
                    if (options.bytes === $String)
                        object.nonce = "";
                    else {
                        object.nonce = [];
                        if (options.bytes !== $Array)
                            object.nonce = $util.newBuffer(object.nonce);
                    }
                    object.recordId = "";
                    object.version = 0;
                    object.subject = "";
                }
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    object.nonce = options.bytes === $String ? $util.base64.encode(message.nonce, 0, message.nonce.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.nonce) : message.nonce;
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId"))
                    object.recordId = message.recordId;
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    object.version = message.version;
                if (message.subject != null && $Object.hasOwnProperty.call(message, "subject"))
                    object.subject = message.subject;
                if (message.questions && message.questions.length) {
                    object.questions = $Array(message.questions.length);
                    for (let j = 0; j < message.questions.length; ++j)
                        object.questions[j] = message.questions[j];
                }
                if (message.about && message.about.length) {
                    object.about = $Array(message.about.length);
                    for (let j = 0; j < message.about.length; ++j)
                        object.about[j] = $root.atc.v1.RecordRef.toObject(message.about[j], options, _depth + 1);
                }
                return object;
            };

            /**
             * Converts this InformationRequest to JSON.
             * @function toJSON
             * @memberof atc.v1.InformationRequest
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            InformationRequest.prototype.toJSON = function() {
                return InformationRequest.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for InformationRequest
             * @function getTypeUrl
             * @memberof atc.v1.InformationRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            InformationRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atc.v1.InformationRequest";
            };

            return InformationRequest;
        })();

        /**
         * ResponseOutcome enum.
         * @name atc.v1.ResponseOutcome
         * @enum {number}
         * @property {number} RESPONSE_OUTCOME_UNSPECIFIED=0 RESPONSE_OUTCOME_UNSPECIFIED value
         * @property {number} RESPONSE_OUTCOME_ANSWERED=1 RESPONSE_OUTCOME_ANSWERED value
         * @property {number} RESPONSE_OUTCOME_PARTIAL=2 RESPONSE_OUTCOME_PARTIAL value
         * @property {number} RESPONSE_OUTCOME_NO_INFORMATION=3 RESPONSE_OUTCOME_NO_INFORMATION value
         * @property {number} RESPONSE_OUTCOME_DECLINED=4 RESPONSE_OUTCOME_DECLINED value
         */
        v1.ResponseOutcome = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "RESPONSE_OUTCOME_UNSPECIFIED"] = 0;
            values[valuesById[1] = "RESPONSE_OUTCOME_ANSWERED"] = 1;
            values[valuesById[2] = "RESPONSE_OUTCOME_PARTIAL"] = 2;
            values[valuesById[3] = "RESPONSE_OUTCOME_NO_INFORMATION"] = 3;
            values[valuesById[4] = "RESPONSE_OUTCOME_DECLINED"] = 4;
            return values;
        })();

        v1.InformationResponse = (function() {

            /**
             * Properties of an InformationResponse.
             * @typedef {Object} atc.v1.InformationResponse.$Properties
             * @property {Uint8Array|null} [nonce] InformationResponse nonce
             * @property {string|null} [recordId] InformationResponse recordId
             * @property {number|null} [version] InformationResponse version
             * @property {atc.v1.ResponseOutcome|null} [outcome] InformationResponse outcome
             * @property {Array.<string>|null} [answers] InformationResponse answers
             * @property {Array.<atc.v1.RecordRef.$Properties>|null} [related] InformationResponse related
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an InformationResponse.
             * @memberof atc.v1
             * @interface IInformationResponse
             * @augments atc.v1.InformationResponse.$Properties
             * @deprecated Use atc.v1.InformationResponse.$Properties instead.
             */

            /**
             * Shape of an InformationResponse.
             * @typedef {atc.v1.InformationResponse.$Properties} atc.v1.InformationResponse.$Shape
             */

            /**
             * Constructs a new InformationResponse.
             * @memberof atc.v1
             * @classdesc Represents an InformationResponse.
             * @constructor
             * @param {atc.v1.InformationResponse.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const InformationResponse = function (properties) {
                this.answers = [];
                this.related = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * InformationResponse nonce.
             * @member {Uint8Array} nonce
             * @memberof atc.v1.InformationResponse
             * @instance
             */
            InformationResponse.prototype.nonce = $util.newBuffer([]);

            /**
             * InformationResponse recordId.
             * @member {string} recordId
             * @memberof atc.v1.InformationResponse
             * @instance
             */
            InformationResponse.prototype.recordId = "";

            /**
             * InformationResponse version.
             * @member {number} version
             * @memberof atc.v1.InformationResponse
             * @instance
             */
            InformationResponse.prototype.version = 0;

            /**
             * InformationResponse outcome.
             * @member {atc.v1.ResponseOutcome} outcome
             * @memberof atc.v1.InformationResponse
             * @instance
             */
            InformationResponse.prototype.outcome = 0;

            /**
             * InformationResponse answers.
             * @member {Array.<string>} answers
             * @memberof atc.v1.InformationResponse
             * @instance
             */
            InformationResponse.prototype.answers = $util.emptyArray;

            /**
             * InformationResponse related.
             * @member {Array.<atc.v1.RecordRef.$Properties>} related
             * @memberof atc.v1.InformationResponse
             * @instance
             */
            InformationResponse.prototype.related = $util.emptyArray;

            /**
             * Creates a new InformationResponse instance using the specified properties.
             * @function create
             * @memberof atc.v1.InformationResponse
             * @static
             * @param {atc.v1.InformationResponse.$Properties=} [properties] Properties to set
             * @returns {atc.v1.InformationResponse} InformationResponse instance
             * @type {{
             *   (properties: atc.v1.InformationResponse.$Shape): atc.v1.InformationResponse & atc.v1.InformationResponse.$Shape;
             *   (properties?: atc.v1.InformationResponse.$Properties): atc.v1.InformationResponse;
             * }}
             */
            InformationResponse.create = function(properties) {
                return new InformationResponse(properties);
            };

            /**
             * Encodes the specified InformationResponse message. Does not implicitly {@link atc.v1.InformationResponse.verify|verify} messages.
             * @function encode
             * @memberof atc.v1.InformationResponse
             * @static
             * @param {atc.v1.InformationResponse.$Properties} message InformationResponse message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            InformationResponse.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce") && message.nonce.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.nonce);
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId") && message.recordId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.recordId);
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.version);
                if (message.outcome != null && $Object.hasOwnProperty.call(message, "outcome") && message.outcome !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).int32(message.outcome);
                if (message.answers != null && message.answers.length)
                    for (let i = 0; i < message.answers.length; ++i)
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.answers[i]);
                if (message.related != null && message.related.length)
                    for (let i = 0; i < message.related.length; ++i)
                        $root.atc.v1.RecordRef.encode(message.related[i], writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified InformationResponse message, length delimited. Does not implicitly {@link atc.v1.InformationResponse.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atc.v1.InformationResponse
             * @static
             * @param {atc.v1.InformationResponse.$Properties} message InformationResponse message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            InformationResponse.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an InformationResponse message from the specified reader or buffer.
             * @function decode
             * @memberof atc.v1.InformationResponse
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {atc.v1.InformationResponse & atc.v1.InformationResponse.$Shape} InformationResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            InformationResponse.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.atc.v1.InformationResponse();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.nonce = value;
                            else
                                delete message.nonce;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.recordId = value;
                            else
                                delete message.recordId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.outcome = value;
                            else
                                delete message.outcome;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if (!(message.answers && message.answers.length))
                                message.answers = [];
                            message.answers.push(reader.stringVerify());
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if (!(message.related && message.related.length))
                                message.related = [];
                            message.related.push($root.atc.v1.RecordRef.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an InformationResponse message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atc.v1.InformationResponse
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atc.v1.InformationResponse & atc.v1.InformationResponse.$Shape} InformationResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            InformationResponse.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an InformationResponse message.
             * @function verify
             * @memberof atc.v1.InformationResponse
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            InformationResponse.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    if (!(message.nonce && typeof message.nonce.length === "number" || $util.isString(message.nonce)))
                        return "nonce: buffer expected";
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId"))
                    if (!$util.isString(message.recordId))
                        return "recordId: string expected";
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    if (!$util.isInteger(message.version))
                        return "version: integer expected";
                if (message.outcome != null && $Object.hasOwnProperty.call(message, "outcome"))
                    if (typeof message.outcome !== "number" || (message.outcome | 0) !== message.outcome)
                        return "outcome: enum value expected";
                if (message.answers != null && $Object.hasOwnProperty.call(message, "answers")) {
                    if (!$Array.isArray(message.answers))
                        return "answers: array expected";
                    for (let i = 0; i < message.answers.length; ++i)
                        if (!$util.isString(message.answers[i]))
                            return "answers: string[] expected";
                }
                if (message.related != null && $Object.hasOwnProperty.call(message, "related")) {
                    if (!$Array.isArray(message.related))
                        return "related: array expected";
                    for (let i = 0; i < message.related.length; ++i) {
                        let error = $root.atc.v1.RecordRef.verify(message.related[i], _depth + 1);
                        if (error)
                            return "related." + error;
                    }
                }
                return null;
            };

            /**
             * Creates an InformationResponse message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof atc.v1.InformationResponse
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {atc.v1.InformationResponse} InformationResponse
             */
            InformationResponse.fromObject = function (object, _depth) {
                if (object instanceof $root.atc.v1.InformationResponse)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".atc.v1.InformationResponse: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.atc.v1.InformationResponse();
                if (object.nonce != null)
                    if (object.nonce.length)
                        if (typeof object.nonce === "string")
                            $util.base64.decode(object.nonce, message.nonce = $util.newBuffer($util.base64.length(object.nonce)), 0);
                        else if (object.nonce.length >= 0)
                            message.nonce = object.nonce;
                if (object.recordId != null)
                    if (typeof object.recordId !== "string" || object.recordId.length)
                        message.recordId = $String(object.recordId);
                if (object.version != null)
                    if ($Number(object.version) !== 0)
                        message.version = object.version >>> 0;
                if (object.outcome !== 0 && (typeof object.outcome !== "string" || $root.atc.v1.ResponseOutcome[object.outcome] !== 0))
                    switch (object.outcome) {
                    case "RESPONSE_OUTCOME_UNSPECIFIED":
                    case 0:
                        message.outcome = 0;
                        break;
                    case "RESPONSE_OUTCOME_ANSWERED":
                    case 1:
                        message.outcome = 1;
                        break;
                    case "RESPONSE_OUTCOME_PARTIAL":
                    case 2:
                        message.outcome = 2;
                        break;
                    case "RESPONSE_OUTCOME_NO_INFORMATION":
                    case 3:
                        message.outcome = 3;
                        break;
                    case "RESPONSE_OUTCOME_DECLINED":
                    case 4:
                        message.outcome = 4;
                        break;
                    default:
                        if (typeof object.outcome === "number" && (object.outcome | 0) === object.outcome)
                            message.outcome = object.outcome;
                    }
                if (object.answers) {
                    if (!$Array.isArray(object.answers))
                        throw $TypeError(".atc.v1.InformationResponse.answers: array expected");
                    message.answers = $Array(object.answers.length);
                    for (let i = 0; i < object.answers.length; ++i)
                        message.answers[i] = $String(object.answers[i]);
                }
                if (object.related) {
                    if (!$Array.isArray(object.related))
                        throw $TypeError(".atc.v1.InformationResponse.related: array expected");
                    message.related = $Array(object.related.length);
                    for (let i = 0; i < object.related.length; ++i) {
                        if (!$util.isObject(object.related[i]))
                            throw $TypeError(".atc.v1.InformationResponse.related: object expected");
                        message.related[i] = $root.atc.v1.RecordRef.fromObject(object.related[i], _depth + 1);
                    }
                }
                return message;
            };

            /**
             * Creates a plain object from an InformationResponse message. Also converts values to other types if specified.
             * @function toObject
             * @memberof atc.v1.InformationResponse
             * @static
             * @param {atc.v1.InformationResponse} message InformationResponse
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            InformationResponse.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults) {
                    object.answers = [];
                    object.related = [];
                }
                if (options.defaults) {
                    if (options.bytes === $String)
                        object.nonce = "";
                    else {
                        object.nonce = [];
                        if (options.bytes !== $Array)
                            object.nonce = $util.newBuffer(object.nonce);
                    }
                    object.recordId = "";
                    object.version = 0;
                    object.outcome = options.enums === $String ? "RESPONSE_OUTCOME_UNSPECIFIED" : 0;
                }
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    object.nonce = options.bytes === $String ? $util.base64.encode(message.nonce, 0, message.nonce.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.nonce) : message.nonce;
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId"))
                    object.recordId = message.recordId;
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    object.version = message.version;
                if (message.outcome != null && $Object.hasOwnProperty.call(message, "outcome"))
                    object.outcome = options.enums === $String ? $root.atc.v1.ResponseOutcome[message.outcome] === $undefined ? message.outcome : $root.atc.v1.ResponseOutcome[message.outcome] : message.outcome;
                if (message.answers && message.answers.length) {
                    object.answers = $Array(message.answers.length);
                    for (let j = 0; j < message.answers.length; ++j)
                        object.answers[j] = message.answers[j];
                }
                if (message.related && message.related.length) {
                    object.related = $Array(message.related.length);
                    for (let j = 0; j < message.related.length; ++j)
                        object.related[j] = $root.atc.v1.RecordRef.toObject(message.related[j], options, _depth + 1);
                }
                return object;
            };

            /**
             * Converts this InformationResponse to JSON.
             * @function toJSON
             * @memberof atc.v1.InformationResponse
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            InformationResponse.prototype.toJSON = function() {
                return InformationResponse.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for InformationResponse
             * @function getTypeUrl
             * @memberof atc.v1.InformationResponse
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            InformationResponse.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atc.v1.InformationResponse";
            };

            return InformationResponse;
        })();

        /**
         * WithdrawalReason enum.
         * @name atc.v1.WithdrawalReason
         * @enum {number}
         * @property {number} WITHDRAWAL_REASON_UNSPECIFIED=0 WITHDRAWAL_REASON_UNSPECIFIED value
         * @property {number} WITHDRAWAL_REASON_INACCURATE=1 WITHDRAWAL_REASON_INACCURATE value
         * @property {number} WITHDRAWAL_REASON_LEGAL_BASIS_LAPSED=2 WITHDRAWAL_REASON_LEGAL_BASIS_LAPSED value
         * @property {number} WITHDRAWAL_REASON_ORDERED=3 WITHDRAWAL_REASON_ORDERED value
         * @property {number} WITHDRAWAL_REASON_DUPLICATE=4 WITHDRAWAL_REASON_DUPLICATE value
         * @property {number} WITHDRAWAL_REASON_OTHER=5 WITHDRAWAL_REASON_OTHER value
         */
        v1.WithdrawalReason = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "WITHDRAWAL_REASON_UNSPECIFIED"] = 0;
            values[valuesById[1] = "WITHDRAWAL_REASON_INACCURATE"] = 1;
            values[valuesById[2] = "WITHDRAWAL_REASON_LEGAL_BASIS_LAPSED"] = 2;
            values[valuesById[3] = "WITHDRAWAL_REASON_ORDERED"] = 3;
            values[valuesById[4] = "WITHDRAWAL_REASON_DUPLICATE"] = 4;
            values[valuesById[5] = "WITHDRAWAL_REASON_OTHER"] = 5;
            return values;
        })();

        v1.RecordWithdrawal = (function() {

            /**
             * Properties of a RecordWithdrawal.
             * @typedef {Object} atc.v1.RecordWithdrawal.$Properties
             * @property {Uint8Array|null} [nonce] RecordWithdrawal nonce
             * @property {string|null} [recordId] RecordWithdrawal recordId
             * @property {number|null} [version] RecordWithdrawal version
             * @property {atc.v1.RecordRef.$Properties|null} [target] RecordWithdrawal target
             * @property {atc.v1.WithdrawalReason|null} [reason] RecordWithdrawal reason
             * @property {string|null} [explanation] RecordWithdrawal explanation
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a RecordWithdrawal.
             * @memberof atc.v1
             * @interface IRecordWithdrawal
             * @augments atc.v1.RecordWithdrawal.$Properties
             * @deprecated Use atc.v1.RecordWithdrawal.$Properties instead.
             */

            /**
             * Shape of a RecordWithdrawal.
             * @typedef {atc.v1.RecordWithdrawal.$Properties} atc.v1.RecordWithdrawal.$Shape
             */

            /**
             * Constructs a new RecordWithdrawal.
             * @memberof atc.v1
             * @classdesc Represents a RecordWithdrawal.
             * @constructor
             * @param {atc.v1.RecordWithdrawal.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const RecordWithdrawal = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * RecordWithdrawal nonce.
             * @member {Uint8Array} nonce
             * @memberof atc.v1.RecordWithdrawal
             * @instance
             */
            RecordWithdrawal.prototype.nonce = $util.newBuffer([]);

            /**
             * RecordWithdrawal recordId.
             * @member {string} recordId
             * @memberof atc.v1.RecordWithdrawal
             * @instance
             */
            RecordWithdrawal.prototype.recordId = "";

            /**
             * RecordWithdrawal version.
             * @member {number} version
             * @memberof atc.v1.RecordWithdrawal
             * @instance
             */
            RecordWithdrawal.prototype.version = 0;

            /**
             * RecordWithdrawal target.
             * @member {atc.v1.RecordRef.$Properties|null|undefined} target
             * @memberof atc.v1.RecordWithdrawal
             * @instance
             */
            RecordWithdrawal.prototype.target = null;

            /**
             * RecordWithdrawal reason.
             * @member {atc.v1.WithdrawalReason} reason
             * @memberof atc.v1.RecordWithdrawal
             * @instance
             */
            RecordWithdrawal.prototype.reason = 0;

            /**
             * RecordWithdrawal explanation.
             * @member {string} explanation
             * @memberof atc.v1.RecordWithdrawal
             * @instance
             */
            RecordWithdrawal.prototype.explanation = "";

            /**
             * Creates a new RecordWithdrawal instance using the specified properties.
             * @function create
             * @memberof atc.v1.RecordWithdrawal
             * @static
             * @param {atc.v1.RecordWithdrawal.$Properties=} [properties] Properties to set
             * @returns {atc.v1.RecordWithdrawal} RecordWithdrawal instance
             * @type {{
             *   (properties: atc.v1.RecordWithdrawal.$Shape): atc.v1.RecordWithdrawal & atc.v1.RecordWithdrawal.$Shape;
             *   (properties?: atc.v1.RecordWithdrawal.$Properties): atc.v1.RecordWithdrawal;
             * }}
             */
            RecordWithdrawal.create = function(properties) {
                return new RecordWithdrawal(properties);
            };

            /**
             * Encodes the specified RecordWithdrawal message. Does not implicitly {@link atc.v1.RecordWithdrawal.verify|verify} messages.
             * @function encode
             * @memberof atc.v1.RecordWithdrawal
             * @static
             * @param {atc.v1.RecordWithdrawal.$Properties} message RecordWithdrawal message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RecordWithdrawal.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce") && message.nonce.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.nonce);
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId") && message.recordId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.recordId);
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.version);
                if (message.target != null && $Object.hasOwnProperty.call(message, "target"))
                    $root.atc.v1.RecordRef.encode(message.target, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).int32(message.reason);
                if (message.explanation != null && $Object.hasOwnProperty.call(message, "explanation") && message.explanation !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.explanation);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified RecordWithdrawal message, length delimited. Does not implicitly {@link atc.v1.RecordWithdrawal.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atc.v1.RecordWithdrawal
             * @static
             * @param {atc.v1.RecordWithdrawal.$Properties} message RecordWithdrawal message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RecordWithdrawal.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a RecordWithdrawal message from the specified reader or buffer.
             * @function decode
             * @memberof atc.v1.RecordWithdrawal
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {atc.v1.RecordWithdrawal & atc.v1.RecordWithdrawal.$Shape} RecordWithdrawal
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RecordWithdrawal.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.atc.v1.RecordWithdrawal();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.nonce = value;
                            else
                                delete message.nonce;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.recordId = value;
                            else
                                delete message.recordId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.target = $root.atc.v1.RecordRef.decode(reader, reader.size(), $undefined, _depth + 1, message.target);
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.explanation = value;
                            else
                                delete message.explanation;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a RecordWithdrawal message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atc.v1.RecordWithdrawal
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atc.v1.RecordWithdrawal & atc.v1.RecordWithdrawal.$Shape} RecordWithdrawal
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RecordWithdrawal.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a RecordWithdrawal message.
             * @function verify
             * @memberof atc.v1.RecordWithdrawal
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            RecordWithdrawal.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    if (!(message.nonce && typeof message.nonce.length === "number" || $util.isString(message.nonce)))
                        return "nonce: buffer expected";
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId"))
                    if (!$util.isString(message.recordId))
                        return "recordId: string expected";
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    if (!$util.isInteger(message.version))
                        return "version: integer expected";
                if (message.target != null && $Object.hasOwnProperty.call(message, "target")) {
                    let error = $root.atc.v1.RecordRef.verify(message.target, _depth + 1);
                    if (error)
                        return "target." + error;
                }
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    if (typeof message.reason !== "number" || (message.reason | 0) !== message.reason)
                        return "reason: enum value expected";
                if (message.explanation != null && $Object.hasOwnProperty.call(message, "explanation"))
                    if (!$util.isString(message.explanation))
                        return "explanation: string expected";
                return null;
            };

            /**
             * Creates a RecordWithdrawal message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof atc.v1.RecordWithdrawal
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {atc.v1.RecordWithdrawal} RecordWithdrawal
             */
            RecordWithdrawal.fromObject = function (object, _depth) {
                if (object instanceof $root.atc.v1.RecordWithdrawal)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".atc.v1.RecordWithdrawal: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.atc.v1.RecordWithdrawal();
                if (object.nonce != null)
                    if (object.nonce.length)
                        if (typeof object.nonce === "string")
                            $util.base64.decode(object.nonce, message.nonce = $util.newBuffer($util.base64.length(object.nonce)), 0);
                        else if (object.nonce.length >= 0)
                            message.nonce = object.nonce;
                if (object.recordId != null)
                    if (typeof object.recordId !== "string" || object.recordId.length)
                        message.recordId = $String(object.recordId);
                if (object.version != null)
                    if ($Number(object.version) !== 0)
                        message.version = object.version >>> 0;
                if (object.target != null) {
                    if (!$util.isObject(object.target))
                        throw $TypeError(".atc.v1.RecordWithdrawal.target: object expected");
                    message.target = $root.atc.v1.RecordRef.fromObject(object.target, _depth + 1);
                }
                if (object.reason !== 0 && (typeof object.reason !== "string" || $root.atc.v1.WithdrawalReason[object.reason] !== 0))
                    switch (object.reason) {
                    case "WITHDRAWAL_REASON_UNSPECIFIED":
                    case 0:
                        message.reason = 0;
                        break;
                    case "WITHDRAWAL_REASON_INACCURATE":
                    case 1:
                        message.reason = 1;
                        break;
                    case "WITHDRAWAL_REASON_LEGAL_BASIS_LAPSED":
                    case 2:
                        message.reason = 2;
                        break;
                    case "WITHDRAWAL_REASON_ORDERED":
                    case 3:
                        message.reason = 3;
                        break;
                    case "WITHDRAWAL_REASON_DUPLICATE":
                    case 4:
                        message.reason = 4;
                        break;
                    case "WITHDRAWAL_REASON_OTHER":
                    case 5:
                        message.reason = 5;
                        break;
                    default:
                        if (typeof object.reason === "number" && (object.reason | 0) === object.reason)
                            message.reason = object.reason;
                    }
                if (object.explanation != null)
                    if (typeof object.explanation !== "string" || object.explanation.length)
                        message.explanation = $String(object.explanation);
                return message;
            };

            /**
             * Creates a plain object from a RecordWithdrawal message. Also converts values to other types if specified.
             * @function toObject
             * @memberof atc.v1.RecordWithdrawal
             * @static
             * @param {atc.v1.RecordWithdrawal} message RecordWithdrawal
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            RecordWithdrawal.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    if (options.bytes === $String)
                        object.nonce = "";
                    else {
                        object.nonce = [];
                        if (options.bytes !== $Array)
                            object.nonce = $util.newBuffer(object.nonce);
                    }
                    object.recordId = "";
                    object.version = 0;
                    object.target = null;
                    object.reason = options.enums === $String ? "WITHDRAWAL_REASON_UNSPECIFIED" : 0;
                    object.explanation = "";
                }
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    object.nonce = options.bytes === $String ? $util.base64.encode(message.nonce, 0, message.nonce.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.nonce) : message.nonce;
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId"))
                    object.recordId = message.recordId;
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    object.version = message.version;
                if (message.target != null && $Object.hasOwnProperty.call(message, "target"))
                    object.target = $root.atc.v1.RecordRef.toObject(message.target, options, _depth + 1);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    object.reason = options.enums === $String ? $root.atc.v1.WithdrawalReason[message.reason] === $undefined ? message.reason : $root.atc.v1.WithdrawalReason[message.reason] : message.reason;
                if (message.explanation != null && $Object.hasOwnProperty.call(message, "explanation"))
                    object.explanation = message.explanation;
                return object;
            };

            /**
             * Converts this RecordWithdrawal to JSON.
             * @function toJSON
             * @memberof atc.v1.RecordWithdrawal
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            RecordWithdrawal.prototype.toJSON = function() {
                return RecordWithdrawal.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for RecordWithdrawal
             * @function getTypeUrl
             * @memberof atc.v1.RecordWithdrawal
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            RecordWithdrawal.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atc.v1.RecordWithdrawal";
            };

            return RecordWithdrawal;
        })();

        /**
         * NoticeCategory enum.
         * @name atc.v1.NoticeCategory
         * @enum {number}
         * @property {number} NOTICE_CATEGORY_UNSPECIFIED=0 NOTICE_CATEGORY_UNSPECIFIED value
         * @property {number} NOTICE_CATEGORY_GENERAL=1 NOTICE_CATEGORY_GENERAL value
         * @property {number} NOTICE_CATEGORY_ALERT=2 NOTICE_CATEGORY_ALERT value
         * @property {number} NOTICE_CATEGORY_SERVICE=3 NOTICE_CATEGORY_SERVICE value
         */
        v1.NoticeCategory = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "NOTICE_CATEGORY_UNSPECIFIED"] = 0;
            values[valuesById[1] = "NOTICE_CATEGORY_GENERAL"] = 1;
            values[valuesById[2] = "NOTICE_CATEGORY_ALERT"] = 2;
            values[valuesById[3] = "NOTICE_CATEGORY_SERVICE"] = 3;
            return values;
        })();

        v1.Notice = (function() {

            /**
             * Properties of a Notice.
             * @typedef {Object} atc.v1.Notice.$Properties
             * @property {Uint8Array|null} [nonce] Notice nonce
             * @property {string|null} [recordId] Notice recordId
             * @property {number|null} [version] Notice version
             * @property {atc.v1.NoticeCategory|null} [category] Notice category
             * @property {string|null} [title] Notice title
             * @property {string|null} [body] Notice body
             * @property {google.protobuf.Timestamp.$Properties|null} [validUntil] Notice validUntil
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Notice.
             * @memberof atc.v1
             * @interface INotice
             * @augments atc.v1.Notice.$Properties
             * @deprecated Use atc.v1.Notice.$Properties instead.
             */

            /**
             * Shape of a Notice.
             * @typedef {atc.v1.Notice.$Properties} atc.v1.Notice.$Shape
             */

            /**
             * Constructs a new Notice.
             * @memberof atc.v1
             * @classdesc Represents a Notice.
             * @constructor
             * @param {atc.v1.Notice.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Notice = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Notice nonce.
             * @member {Uint8Array} nonce
             * @memberof atc.v1.Notice
             * @instance
             */
            Notice.prototype.nonce = $util.newBuffer([]);

            /**
             * Notice recordId.
             * @member {string} recordId
             * @memberof atc.v1.Notice
             * @instance
             */
            Notice.prototype.recordId = "";

            /**
             * Notice version.
             * @member {number} version
             * @memberof atc.v1.Notice
             * @instance
             */
            Notice.prototype.version = 0;

            /**
             * Notice category.
             * @member {atc.v1.NoticeCategory} category
             * @memberof atc.v1.Notice
             * @instance
             */
            Notice.prototype.category = 0;

            /**
             * Notice title.
             * @member {string} title
             * @memberof atc.v1.Notice
             * @instance
             */
            Notice.prototype.title = "";

            /**
             * Notice body.
             * @member {string} body
             * @memberof atc.v1.Notice
             * @instance
             */
            Notice.prototype.body = "";

            /**
             * Notice validUntil.
             * @member {google.protobuf.Timestamp.$Properties|null|undefined} validUntil
             * @memberof atc.v1.Notice
             * @instance
             */
            Notice.prototype.validUntil = null;

            /**
             * Creates a new Notice instance using the specified properties.
             * @function create
             * @memberof atc.v1.Notice
             * @static
             * @param {atc.v1.Notice.$Properties=} [properties] Properties to set
             * @returns {atc.v1.Notice} Notice instance
             * @type {{
             *   (properties: atc.v1.Notice.$Shape): atc.v1.Notice & atc.v1.Notice.$Shape;
             *   (properties?: atc.v1.Notice.$Properties): atc.v1.Notice;
             * }}
             */
            Notice.create = function(properties) {
                return new Notice(properties);
            };

            /**
             * Encodes the specified Notice message. Does not implicitly {@link atc.v1.Notice.verify|verify} messages.
             * @function encode
             * @memberof atc.v1.Notice
             * @static
             * @param {atc.v1.Notice.$Properties} message Notice message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Notice.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce") && message.nonce.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.nonce);
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId") && message.recordId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.recordId);
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.version);
                if (message.category != null && $Object.hasOwnProperty.call(message, "category") && message.category !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).int32(message.category);
                if (message.title != null && $Object.hasOwnProperty.call(message, "title") && message.title !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.title);
                if (message.body != null && $Object.hasOwnProperty.call(message, "body") && message.body !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.body);
                if (message.validUntil != null && $Object.hasOwnProperty.call(message, "validUntil"))
                    $root.google.protobuf.Timestamp.encode(message.validUntil, writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Notice message, length delimited. Does not implicitly {@link atc.v1.Notice.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atc.v1.Notice
             * @static
             * @param {atc.v1.Notice.$Properties} message Notice message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Notice.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Notice message from the specified reader or buffer.
             * @function decode
             * @memberof atc.v1.Notice
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {atc.v1.Notice & atc.v1.Notice.$Shape} Notice
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Notice.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.atc.v1.Notice();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.nonce = value;
                            else
                                delete message.nonce;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.recordId = value;
                            else
                                delete message.recordId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.category = value;
                            else
                                delete message.category;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.title = value;
                            else
                                delete message.title;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.body = value;
                            else
                                delete message.body;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            message.validUntil = $root.google.protobuf.Timestamp.decode(reader, reader.size(), $undefined, _depth + 1, message.validUntil);
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Notice message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atc.v1.Notice
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atc.v1.Notice & atc.v1.Notice.$Shape} Notice
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Notice.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Notice message.
             * @function verify
             * @memberof atc.v1.Notice
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Notice.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    if (!(message.nonce && typeof message.nonce.length === "number" || $util.isString(message.nonce)))
                        return "nonce: buffer expected";
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId"))
                    if (!$util.isString(message.recordId))
                        return "recordId: string expected";
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    if (!$util.isInteger(message.version))
                        return "version: integer expected";
                if (message.category != null && $Object.hasOwnProperty.call(message, "category"))
                    if (typeof message.category !== "number" || (message.category | 0) !== message.category)
                        return "category: enum value expected";
                if (message.title != null && $Object.hasOwnProperty.call(message, "title"))
                    if (!$util.isString(message.title))
                        return "title: string expected";
                if (message.body != null && $Object.hasOwnProperty.call(message, "body"))
                    if (!$util.isString(message.body))
                        return "body: string expected";
                if (message.validUntil != null && $Object.hasOwnProperty.call(message, "validUntil")) {
                    let error = $root.google.protobuf.Timestamp.verify(message.validUntil, _depth + 1);
                    if (error)
                        return "validUntil." + error;
                }
                return null;
            };

            /**
             * Creates a Notice message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof atc.v1.Notice
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {atc.v1.Notice} Notice
             */
            Notice.fromObject = function (object, _depth) {
                if (object instanceof $root.atc.v1.Notice)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".atc.v1.Notice: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.atc.v1.Notice();
                if (object.nonce != null)
                    if (object.nonce.length)
                        if (typeof object.nonce === "string")
                            $util.base64.decode(object.nonce, message.nonce = $util.newBuffer($util.base64.length(object.nonce)), 0);
                        else if (object.nonce.length >= 0)
                            message.nonce = object.nonce;
                if (object.recordId != null)
                    if (typeof object.recordId !== "string" || object.recordId.length)
                        message.recordId = $String(object.recordId);
                if (object.version != null)
                    if ($Number(object.version) !== 0)
                        message.version = object.version >>> 0;
                if (object.category !== 0 && (typeof object.category !== "string" || $root.atc.v1.NoticeCategory[object.category] !== 0))
                    switch (object.category) {
                    case "NOTICE_CATEGORY_UNSPECIFIED":
                    case 0:
                        message.category = 0;
                        break;
                    case "NOTICE_CATEGORY_GENERAL":
                    case 1:
                        message.category = 1;
                        break;
                    case "NOTICE_CATEGORY_ALERT":
                    case 2:
                        message.category = 2;
                        break;
                    case "NOTICE_CATEGORY_SERVICE":
                    case 3:
                        message.category = 3;
                        break;
                    default:
                        if (typeof object.category === "number" && (object.category | 0) === object.category)
                            message.category = object.category;
                    }
                if (object.title != null)
                    if (typeof object.title !== "string" || object.title.length)
                        message.title = $String(object.title);
                if (object.body != null)
                    if (typeof object.body !== "string" || object.body.length)
                        message.body = $String(object.body);
                if (object.validUntil != null) {
                    if (!$util.isObject(object.validUntil))
                        throw $TypeError(".atc.v1.Notice.validUntil: object expected");
                    message.validUntil = $root.google.protobuf.Timestamp.fromObject(object.validUntil, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from a Notice message. Also converts values to other types if specified.
             * @function toObject
             * @memberof atc.v1.Notice
             * @static
             * @param {atc.v1.Notice} message Notice
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Notice.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    if (options.bytes === $String)
                        object.nonce = "";
                    else {
                        object.nonce = [];
                        if (options.bytes !== $Array)
                            object.nonce = $util.newBuffer(object.nonce);
                    }
                    object.recordId = "";
                    object.version = 0;
                    object.category = options.enums === $String ? "NOTICE_CATEGORY_UNSPECIFIED" : 0;
                    object.title = "";
                    object.body = "";
                    object.validUntil = null;
                }
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    object.nonce = options.bytes === $String ? $util.base64.encode(message.nonce, 0, message.nonce.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.nonce) : message.nonce;
                if (message.recordId != null && $Object.hasOwnProperty.call(message, "recordId"))
                    object.recordId = message.recordId;
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    object.version = message.version;
                if (message.category != null && $Object.hasOwnProperty.call(message, "category"))
                    object.category = options.enums === $String ? $root.atc.v1.NoticeCategory[message.category] === $undefined ? message.category : $root.atc.v1.NoticeCategory[message.category] : message.category;
                if (message.title != null && $Object.hasOwnProperty.call(message, "title"))
                    object.title = message.title;
                if (message.body != null && $Object.hasOwnProperty.call(message, "body"))
                    object.body = message.body;
                if (message.validUntil != null && $Object.hasOwnProperty.call(message, "validUntil"))
                    object.validUntil = $root.google.protobuf.Timestamp.toObject(message.validUntil, options, _depth + 1);
                return object;
            };

            /**
             * Converts this Notice to JSON.
             * @function toJSON
             * @memberof atc.v1.Notice
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Notice.prototype.toJSON = function() {
                return Notice.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Notice
             * @function getTypeUrl
             * @memberof atc.v1.Notice
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Notice.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atc.v1.Notice";
            };

            return Notice;
        })();

        v1.DataBankQuery = (function() {

            /**
             * Properties of a DataBankQuery.
             * @typedef {Object} atc.v1.DataBankQuery.$Properties
             * @property {Uint8Array|null} [nonce] DataBankQuery nonce
             * @property {Array.<atc.v1.PersonName.$Properties>|null} [names] DataBankQuery names
             * @property {atc.v1.PartialDate.$Properties|null} [dateOfBirth] DataBankQuery dateOfBirth
             * @property {atc.v1.Sex|null} [sex] DataBankQuery sex
             * @property {Array.<string>|null} [nationalities] DataBankQuery nationalities
             * @property {Array.<atc.v1.IdentityDocument.$Properties>|null} [documents] DataBankQuery documents
             * @property {number|null} [limit] DataBankQuery limit
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DataBankQuery.
             * @memberof atc.v1
             * @interface IDataBankQuery
             * @augments atc.v1.DataBankQuery.$Properties
             * @deprecated Use atc.v1.DataBankQuery.$Properties instead.
             */

            /**
             * Shape of a DataBankQuery.
             * @typedef {atc.v1.DataBankQuery.$Properties} atc.v1.DataBankQuery.$Shape
             */

            /**
             * Constructs a new DataBankQuery.
             * @memberof atc.v1
             * @classdesc Represents a DataBankQuery.
             * @constructor
             * @param {atc.v1.DataBankQuery.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DataBankQuery = function (properties) {
                this.names = [];
                this.nationalities = [];
                this.documents = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * DataBankQuery nonce.
             * @member {Uint8Array} nonce
             * @memberof atc.v1.DataBankQuery
             * @instance
             */
            DataBankQuery.prototype.nonce = $util.newBuffer([]);

            /**
             * DataBankQuery names.
             * @member {Array.<atc.v1.PersonName.$Properties>} names
             * @memberof atc.v1.DataBankQuery
             * @instance
             */
            DataBankQuery.prototype.names = $util.emptyArray;

            /**
             * DataBankQuery dateOfBirth.
             * @member {atc.v1.PartialDate.$Properties|null|undefined} dateOfBirth
             * @memberof atc.v1.DataBankQuery
             * @instance
             */
            DataBankQuery.prototype.dateOfBirth = null;

            /**
             * DataBankQuery sex.
             * @member {atc.v1.Sex} sex
             * @memberof atc.v1.DataBankQuery
             * @instance
             */
            DataBankQuery.prototype.sex = 0;

            /**
             * DataBankQuery nationalities.
             * @member {Array.<string>} nationalities
             * @memberof atc.v1.DataBankQuery
             * @instance
             */
            DataBankQuery.prototype.nationalities = $util.emptyArray;

            /**
             * DataBankQuery documents.
             * @member {Array.<atc.v1.IdentityDocument.$Properties>} documents
             * @memberof atc.v1.DataBankQuery
             * @instance
             */
            DataBankQuery.prototype.documents = $util.emptyArray;

            /**
             * DataBankQuery limit.
             * @member {number} limit
             * @memberof atc.v1.DataBankQuery
             * @instance
             */
            DataBankQuery.prototype.limit = 0;

            /**
             * Creates a new DataBankQuery instance using the specified properties.
             * @function create
             * @memberof atc.v1.DataBankQuery
             * @static
             * @param {atc.v1.DataBankQuery.$Properties=} [properties] Properties to set
             * @returns {atc.v1.DataBankQuery} DataBankQuery instance
             * @type {{
             *   (properties: atc.v1.DataBankQuery.$Shape): atc.v1.DataBankQuery & atc.v1.DataBankQuery.$Shape;
             *   (properties?: atc.v1.DataBankQuery.$Properties): atc.v1.DataBankQuery;
             * }}
             */
            DataBankQuery.create = function(properties) {
                return new DataBankQuery(properties);
            };

            /**
             * Encodes the specified DataBankQuery message. Does not implicitly {@link atc.v1.DataBankQuery.verify|verify} messages.
             * @function encode
             * @memberof atc.v1.DataBankQuery
             * @static
             * @param {atc.v1.DataBankQuery.$Properties} message DataBankQuery message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DataBankQuery.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce") && message.nonce.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.nonce);
                if (message.names != null && message.names.length)
                    for (let i = 0; i < message.names.length; ++i)
                        $root.atc.v1.PersonName.encode(message.names[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.dateOfBirth != null && $Object.hasOwnProperty.call(message, "dateOfBirth"))
                    $root.atc.v1.PartialDate.encode(message.dateOfBirth, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.sex != null && $Object.hasOwnProperty.call(message, "sex") && message.sex !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).int32(message.sex);
                if (message.nationalities != null && message.nationalities.length)
                    for (let i = 0; i < message.nationalities.length; ++i)
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.nationalities[i]);
                if (message.documents != null && message.documents.length)
                    for (let i = 0; i < message.documents.length; ++i)
                        $root.atc.v1.IdentityDocument.encode(message.documents[i], writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.limit != null && $Object.hasOwnProperty.call(message, "limit") && message.limit !== 0)
                    writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.limit);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified DataBankQuery message, length delimited. Does not implicitly {@link atc.v1.DataBankQuery.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atc.v1.DataBankQuery
             * @static
             * @param {atc.v1.DataBankQuery.$Properties} message DataBankQuery message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DataBankQuery.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a DataBankQuery message from the specified reader or buffer.
             * @function decode
             * @memberof atc.v1.DataBankQuery
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {atc.v1.DataBankQuery & atc.v1.DataBankQuery.$Shape} DataBankQuery
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DataBankQuery.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.atc.v1.DataBankQuery();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.nonce = value;
                            else
                                delete message.nonce;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (!(message.names && message.names.length))
                                message.names = [];
                            message.names.push($root.atc.v1.PersonName.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.dateOfBirth = $root.atc.v1.PartialDate.decode(reader, reader.size(), $undefined, _depth + 1, message.dateOfBirth);
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.sex = value;
                            else
                                delete message.sex;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if (!(message.nationalities && message.nationalities.length))
                                message.nationalities = [];
                            message.nationalities.push(reader.stringVerify());
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if (!(message.documents && message.documents.length))
                                message.documents = [];
                            message.documents.push($root.atc.v1.IdentityDocument.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.limit = value;
                            else
                                delete message.limit;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a DataBankQuery message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atc.v1.DataBankQuery
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atc.v1.DataBankQuery & atc.v1.DataBankQuery.$Shape} DataBankQuery
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DataBankQuery.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a DataBankQuery message.
             * @function verify
             * @memberof atc.v1.DataBankQuery
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            DataBankQuery.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    if (!(message.nonce && typeof message.nonce.length === "number" || $util.isString(message.nonce)))
                        return "nonce: buffer expected";
                if (message.names != null && $Object.hasOwnProperty.call(message, "names")) {
                    if (!$Array.isArray(message.names))
                        return "names: array expected";
                    for (let i = 0; i < message.names.length; ++i) {
                        let error = $root.atc.v1.PersonName.verify(message.names[i], _depth + 1);
                        if (error)
                            return "names." + error;
                    }
                }
                if (message.dateOfBirth != null && $Object.hasOwnProperty.call(message, "dateOfBirth")) {
                    let error = $root.atc.v1.PartialDate.verify(message.dateOfBirth, _depth + 1);
                    if (error)
                        return "dateOfBirth." + error;
                }
                if (message.sex != null && $Object.hasOwnProperty.call(message, "sex"))
                    if (typeof message.sex !== "number" || (message.sex | 0) !== message.sex)
                        return "sex: enum value expected";
                if (message.nationalities != null && $Object.hasOwnProperty.call(message, "nationalities")) {
                    if (!$Array.isArray(message.nationalities))
                        return "nationalities: array expected";
                    for (let i = 0; i < message.nationalities.length; ++i)
                        if (!$util.isString(message.nationalities[i]))
                            return "nationalities: string[] expected";
                }
                if (message.documents != null && $Object.hasOwnProperty.call(message, "documents")) {
                    if (!$Array.isArray(message.documents))
                        return "documents: array expected";
                    for (let i = 0; i < message.documents.length; ++i) {
                        let error = $root.atc.v1.IdentityDocument.verify(message.documents[i], _depth + 1);
                        if (error)
                            return "documents." + error;
                    }
                }
                if (message.limit != null && $Object.hasOwnProperty.call(message, "limit"))
                    if (!$util.isInteger(message.limit))
                        return "limit: integer expected";
                return null;
            };

            /**
             * Creates a DataBankQuery message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof atc.v1.DataBankQuery
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {atc.v1.DataBankQuery} DataBankQuery
             */
            DataBankQuery.fromObject = function (object, _depth) {
                if (object instanceof $root.atc.v1.DataBankQuery)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".atc.v1.DataBankQuery: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.atc.v1.DataBankQuery();
                if (object.nonce != null)
                    if (object.nonce.length)
                        if (typeof object.nonce === "string")
                            $util.base64.decode(object.nonce, message.nonce = $util.newBuffer($util.base64.length(object.nonce)), 0);
                        else if (object.nonce.length >= 0)
                            message.nonce = object.nonce;
                if (object.names) {
                    if (!$Array.isArray(object.names))
                        throw $TypeError(".atc.v1.DataBankQuery.names: array expected");
                    message.names = $Array(object.names.length);
                    for (let i = 0; i < object.names.length; ++i) {
                        if (!$util.isObject(object.names[i]))
                            throw $TypeError(".atc.v1.DataBankQuery.names: object expected");
                        message.names[i] = $root.atc.v1.PersonName.fromObject(object.names[i], _depth + 1);
                    }
                }
                if (object.dateOfBirth != null) {
                    if (!$util.isObject(object.dateOfBirth))
                        throw $TypeError(".atc.v1.DataBankQuery.dateOfBirth: object expected");
                    message.dateOfBirth = $root.atc.v1.PartialDate.fromObject(object.dateOfBirth, _depth + 1);
                }
                if (object.sex !== 0 && (typeof object.sex !== "string" || $root.atc.v1.Sex[object.sex] !== 0))
                    switch (object.sex) {
                    case "SEX_UNSPECIFIED":
                    case 0:
                        message.sex = 0;
                        break;
                    case "SEX_MALE":
                    case 1:
                        message.sex = 1;
                        break;
                    case "SEX_FEMALE":
                    case 2:
                        message.sex = 2;
                        break;
                    default:
                        if (typeof object.sex === "number" && (object.sex | 0) === object.sex)
                            message.sex = object.sex;
                    }
                if (object.nationalities) {
                    if (!$Array.isArray(object.nationalities))
                        throw $TypeError(".atc.v1.DataBankQuery.nationalities: array expected");
                    message.nationalities = $Array(object.nationalities.length);
                    for (let i = 0; i < object.nationalities.length; ++i)
                        message.nationalities[i] = $String(object.nationalities[i]);
                }
                if (object.documents) {
                    if (!$Array.isArray(object.documents))
                        throw $TypeError(".atc.v1.DataBankQuery.documents: array expected");
                    message.documents = $Array(object.documents.length);
                    for (let i = 0; i < object.documents.length; ++i) {
                        if (!$util.isObject(object.documents[i]))
                            throw $TypeError(".atc.v1.DataBankQuery.documents: object expected");
                        message.documents[i] = $root.atc.v1.IdentityDocument.fromObject(object.documents[i], _depth + 1);
                    }
                }
                if (object.limit != null)
                    if ($Number(object.limit) !== 0)
                        message.limit = object.limit >>> 0;
                return message;
            };

            /**
             * Creates a plain object from a DataBankQuery message. Also converts values to other types if specified.
             * @function toObject
             * @memberof atc.v1.DataBankQuery
             * @static
             * @param {atc.v1.DataBankQuery} message DataBankQuery
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            DataBankQuery.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults) {
                    object.names = [];
                    object.nationalities = [];
                    object.documents = [];
                }
                if (options.defaults) {
                    if (options.bytes === $String)
                        object.nonce = "";
                    else {
                        object.nonce = [];
                        if (options.bytes !== $Array)
                            object.nonce = $util.newBuffer(object.nonce);
                    }
                    object.dateOfBirth = null;
                    object.sex = options.enums === $String ? "SEX_UNSPECIFIED" : 0;
                    object.limit = 0;
                }
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    object.nonce = options.bytes === $String ? $util.base64.encode(message.nonce, 0, message.nonce.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.nonce) : message.nonce;
                if (message.names && message.names.length) {
                    object.names = $Array(message.names.length);
                    for (let j = 0; j < message.names.length; ++j)
                        object.names[j] = $root.atc.v1.PersonName.toObject(message.names[j], options, _depth + 1);
                }
                if (message.dateOfBirth != null && $Object.hasOwnProperty.call(message, "dateOfBirth"))
                    object.dateOfBirth = $root.atc.v1.PartialDate.toObject(message.dateOfBirth, options, _depth + 1);
                if (message.sex != null && $Object.hasOwnProperty.call(message, "sex"))
                    object.sex = options.enums === $String ? $root.atc.v1.Sex[message.sex] === $undefined ? message.sex : $root.atc.v1.Sex[message.sex] : message.sex;
                if (message.nationalities && message.nationalities.length) {
                    object.nationalities = $Array(message.nationalities.length);
                    for (let j = 0; j < message.nationalities.length; ++j)
                        object.nationalities[j] = message.nationalities[j];
                }
                if (message.documents && message.documents.length) {
                    object.documents = $Array(message.documents.length);
                    for (let j = 0; j < message.documents.length; ++j)
                        object.documents[j] = $root.atc.v1.IdentityDocument.toObject(message.documents[j], options, _depth + 1);
                }
                if (message.limit != null && $Object.hasOwnProperty.call(message, "limit"))
                    object.limit = message.limit;
                return object;
            };

            /**
             * Converts this DataBankQuery to JSON.
             * @function toJSON
             * @memberof atc.v1.DataBankQuery
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            DataBankQuery.prototype.toJSON = function() {
                return DataBankQuery.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for DataBankQuery
             * @function getTypeUrl
             * @memberof atc.v1.DataBankQuery
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DataBankQuery.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atc.v1.DataBankQuery";
            };

            return DataBankQuery;
        })();

        v1.DataBankHit = (function() {

            /**
             * Properties of a DataBankHit.
             * @typedef {Object} atc.v1.DataBankHit.$Properties
             * @property {atc.v1.RecordRef.$Properties|null} [record] DataBankHit record
             * @property {number|null} [score] DataBankHit score
             * @property {Array.<string>|null} [reasons] DataBankHit reasons
             * @property {boolean|null} [restricted] DataBankHit restricted
             * @property {Uint8Array|null} [envelope] DataBankHit envelope
             * @property {string|null} [subjectId] DataBankHit subjectId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DataBankHit.
             * @memberof atc.v1
             * @interface IDataBankHit
             * @augments atc.v1.DataBankHit.$Properties
             * @deprecated Use atc.v1.DataBankHit.$Properties instead.
             */

            /**
             * Shape of a DataBankHit.
             * @typedef {atc.v1.DataBankHit.$Properties} atc.v1.DataBankHit.$Shape
             */

            /**
             * Constructs a new DataBankHit.
             * @memberof atc.v1
             * @classdesc Represents a DataBankHit.
             * @constructor
             * @param {atc.v1.DataBankHit.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DataBankHit = function (properties) {
                this.reasons = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * DataBankHit record.
             * @member {atc.v1.RecordRef.$Properties|null|undefined} record
             * @memberof atc.v1.DataBankHit
             * @instance
             */
            DataBankHit.prototype.record = null;

            /**
             * DataBankHit score.
             * @member {number} score
             * @memberof atc.v1.DataBankHit
             * @instance
             */
            DataBankHit.prototype.score = 0;

            /**
             * DataBankHit reasons.
             * @member {Array.<string>} reasons
             * @memberof atc.v1.DataBankHit
             * @instance
             */
            DataBankHit.prototype.reasons = $util.emptyArray;

            /**
             * DataBankHit restricted.
             * @member {boolean} restricted
             * @memberof atc.v1.DataBankHit
             * @instance
             */
            DataBankHit.prototype.restricted = false;

            /**
             * DataBankHit envelope.
             * @member {Uint8Array} envelope
             * @memberof atc.v1.DataBankHit
             * @instance
             */
            DataBankHit.prototype.envelope = $util.newBuffer([]);

            /**
             * DataBankHit subjectId.
             * @member {string} subjectId
             * @memberof atc.v1.DataBankHit
             * @instance
             */
            DataBankHit.prototype.subjectId = "";

            /**
             * Creates a new DataBankHit instance using the specified properties.
             * @function create
             * @memberof atc.v1.DataBankHit
             * @static
             * @param {atc.v1.DataBankHit.$Properties=} [properties] Properties to set
             * @returns {atc.v1.DataBankHit} DataBankHit instance
             * @type {{
             *   (properties: atc.v1.DataBankHit.$Shape): atc.v1.DataBankHit & atc.v1.DataBankHit.$Shape;
             *   (properties?: atc.v1.DataBankHit.$Properties): atc.v1.DataBankHit;
             * }}
             */
            DataBankHit.create = function(properties) {
                return new DataBankHit(properties);
            };

            /**
             * Encodes the specified DataBankHit message. Does not implicitly {@link atc.v1.DataBankHit.verify|verify} messages.
             * @function encode
             * @memberof atc.v1.DataBankHit
             * @static
             * @param {atc.v1.DataBankHit.$Properties} message DataBankHit message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DataBankHit.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.record != null && $Object.hasOwnProperty.call(message, "record"))
                    $root.atc.v1.RecordRef.encode(message.record, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.score != null && $Object.hasOwnProperty.call(message, "score") && message.score !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.score);
                if (message.reasons != null && message.reasons.length)
                    for (let i = 0; i < message.reasons.length; ++i)
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.reasons[i]);
                if (message.restricted != null && $Object.hasOwnProperty.call(message, "restricted") && message.restricted !== false)
                    writer.uint32(/* id 4, wireType 0 =*/32).bool(message.restricted);
                if (message.envelope != null && $Object.hasOwnProperty.call(message, "envelope") && message.envelope.length)
                    writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.envelope);
                if (message.subjectId != null && $Object.hasOwnProperty.call(message, "subjectId") && message.subjectId !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.subjectId);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified DataBankHit message, length delimited. Does not implicitly {@link atc.v1.DataBankHit.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atc.v1.DataBankHit
             * @static
             * @param {atc.v1.DataBankHit.$Properties} message DataBankHit message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DataBankHit.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a DataBankHit message from the specified reader or buffer.
             * @function decode
             * @memberof atc.v1.DataBankHit
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {atc.v1.DataBankHit & atc.v1.DataBankHit.$Shape} DataBankHit
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DataBankHit.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.atc.v1.DataBankHit();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.record = $root.atc.v1.RecordRef.decode(reader, reader.size(), $undefined, _depth + 1, message.record);
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.score = value;
                            else
                                delete message.score;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if (!(message.reasons && message.reasons.length))
                                message.reasons = [];
                            message.reasons.push(reader.stringVerify());
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.restricted = value;
                            else
                                delete message.restricted;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.envelope = value;
                            else
                                delete message.envelope;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.subjectId = value;
                            else
                                delete message.subjectId;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a DataBankHit message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atc.v1.DataBankHit
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atc.v1.DataBankHit & atc.v1.DataBankHit.$Shape} DataBankHit
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DataBankHit.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a DataBankHit message.
             * @function verify
             * @memberof atc.v1.DataBankHit
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            DataBankHit.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.record != null && $Object.hasOwnProperty.call(message, "record")) {
                    let error = $root.atc.v1.RecordRef.verify(message.record, _depth + 1);
                    if (error)
                        return "record." + error;
                }
                if (message.score != null && $Object.hasOwnProperty.call(message, "score"))
                    if (!$util.isInteger(message.score))
                        return "score: integer expected";
                if (message.reasons != null && $Object.hasOwnProperty.call(message, "reasons")) {
                    if (!$Array.isArray(message.reasons))
                        return "reasons: array expected";
                    for (let i = 0; i < message.reasons.length; ++i)
                        if (!$util.isString(message.reasons[i]))
                            return "reasons: string[] expected";
                }
                if (message.restricted != null && $Object.hasOwnProperty.call(message, "restricted"))
                    if (typeof message.restricted !== "boolean")
                        return "restricted: boolean expected";
                if (message.envelope != null && $Object.hasOwnProperty.call(message, "envelope"))
                    if (!(message.envelope && typeof message.envelope.length === "number" || $util.isString(message.envelope)))
                        return "envelope: buffer expected";
                if (message.subjectId != null && $Object.hasOwnProperty.call(message, "subjectId"))
                    if (!$util.isString(message.subjectId))
                        return "subjectId: string expected";
                return null;
            };

            /**
             * Creates a DataBankHit message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof atc.v1.DataBankHit
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {atc.v1.DataBankHit} DataBankHit
             */
            DataBankHit.fromObject = function (object, _depth) {
                if (object instanceof $root.atc.v1.DataBankHit)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".atc.v1.DataBankHit: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.atc.v1.DataBankHit();
                if (object.record != null) {
                    if (!$util.isObject(object.record))
                        throw $TypeError(".atc.v1.DataBankHit.record: object expected");
                    message.record = $root.atc.v1.RecordRef.fromObject(object.record, _depth + 1);
                }
                if (object.score != null)
                    if ($Number(object.score) !== 0)
                        message.score = object.score >>> 0;
                if (object.reasons) {
                    if (!$Array.isArray(object.reasons))
                        throw $TypeError(".atc.v1.DataBankHit.reasons: array expected");
                    message.reasons = $Array(object.reasons.length);
                    for (let i = 0; i < object.reasons.length; ++i)
                        message.reasons[i] = $String(object.reasons[i]);
                }
                if (object.restricted != null)
                    if (object.restricted)
                        message.restricted = $Boolean(object.restricted);
                if (object.envelope != null)
                    if (object.envelope.length)
                        if (typeof object.envelope === "string")
                            $util.base64.decode(object.envelope, message.envelope = $util.newBuffer($util.base64.length(object.envelope)), 0);
                        else if (object.envelope.length >= 0)
                            message.envelope = object.envelope;
                if (object.subjectId != null)
                    if (typeof object.subjectId !== "string" || object.subjectId.length)
                        message.subjectId = $String(object.subjectId);
                return message;
            };

            /**
             * Creates a plain object from a DataBankHit message. Also converts values to other types if specified.
             * @function toObject
             * @memberof atc.v1.DataBankHit
             * @static
             * @param {atc.v1.DataBankHit} message DataBankHit
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            DataBankHit.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.reasons = [];
                if (options.defaults) {
                    object.record = null;
                    object.score = 0;
                    object.restricted = false;
                    if (options.bytes === $String)
                        object.envelope = "";
                    else {
                        object.envelope = [];
                        if (options.bytes !== $Array)
                            object.envelope = $util.newBuffer(object.envelope);
                    }
                    object.subjectId = "";
                }
                if (message.record != null && $Object.hasOwnProperty.call(message, "record"))
                    object.record = $root.atc.v1.RecordRef.toObject(message.record, options, _depth + 1);
                if (message.score != null && $Object.hasOwnProperty.call(message, "score"))
                    object.score = message.score;
                if (message.reasons && message.reasons.length) {
                    object.reasons = $Array(message.reasons.length);
                    for (let j = 0; j < message.reasons.length; ++j)
                        object.reasons[j] = message.reasons[j];
                }
                if (message.restricted != null && $Object.hasOwnProperty.call(message, "restricted"))
                    object.restricted = message.restricted;
                if (message.envelope != null && $Object.hasOwnProperty.call(message, "envelope"))
                    object.envelope = options.bytes === $String ? $util.base64.encode(message.envelope, 0, message.envelope.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.envelope) : message.envelope;
                if (message.subjectId != null && $Object.hasOwnProperty.call(message, "subjectId"))
                    object.subjectId = message.subjectId;
                return object;
            };

            /**
             * Converts this DataBankHit to JSON.
             * @function toJSON
             * @memberof atc.v1.DataBankHit
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            DataBankHit.prototype.toJSON = function() {
                return DataBankHit.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for DataBankHit
             * @function getTypeUrl
             * @memberof atc.v1.DataBankHit
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DataBankHit.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atc.v1.DataBankHit";
            };

            return DataBankHit;
        })();

        v1.DataBankResult = (function() {

            /**
             * Properties of a DataBankResult.
             * @typedef {Object} atc.v1.DataBankResult.$Properties
             * @property {Uint8Array|null} [nonce] DataBankResult nonce
             * @property {string|null} [queryMessageId] DataBankResult queryMessageId
             * @property {Array.<atc.v1.DataBankHit.$Properties>|null} [hits] DataBankResult hits
             * @property {boolean|null} [truncated] DataBankResult truncated
             * @property {string|null} [refusalCode] DataBankResult refusalCode
             * @property {string|null} [refusalDetail] DataBankResult refusalDetail
             * @property {number|null} [retryAfterSeconds] DataBankResult retryAfterSeconds
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DataBankResult.
             * @memberof atc.v1
             * @interface IDataBankResult
             * @augments atc.v1.DataBankResult.$Properties
             * @deprecated Use atc.v1.DataBankResult.$Properties instead.
             */

            /**
             * Shape of a DataBankResult.
             * @typedef {atc.v1.DataBankResult.$Properties} atc.v1.DataBankResult.$Shape
             */

            /**
             * Constructs a new DataBankResult.
             * @memberof atc.v1
             * @classdesc Represents a DataBankResult.
             * @constructor
             * @param {atc.v1.DataBankResult.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DataBankResult = function (properties) {
                this.hits = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * DataBankResult nonce.
             * @member {Uint8Array} nonce
             * @memberof atc.v1.DataBankResult
             * @instance
             */
            DataBankResult.prototype.nonce = $util.newBuffer([]);

            /**
             * DataBankResult queryMessageId.
             * @member {string} queryMessageId
             * @memberof atc.v1.DataBankResult
             * @instance
             */
            DataBankResult.prototype.queryMessageId = "";

            /**
             * DataBankResult hits.
             * @member {Array.<atc.v1.DataBankHit.$Properties>} hits
             * @memberof atc.v1.DataBankResult
             * @instance
             */
            DataBankResult.prototype.hits = $util.emptyArray;

            /**
             * DataBankResult truncated.
             * @member {boolean} truncated
             * @memberof atc.v1.DataBankResult
             * @instance
             */
            DataBankResult.prototype.truncated = false;

            /**
             * DataBankResult refusalCode.
             * @member {string} refusalCode
             * @memberof atc.v1.DataBankResult
             * @instance
             */
            DataBankResult.prototype.refusalCode = "";

            /**
             * DataBankResult refusalDetail.
             * @member {string} refusalDetail
             * @memberof atc.v1.DataBankResult
             * @instance
             */
            DataBankResult.prototype.refusalDetail = "";

            /**
             * DataBankResult retryAfterSeconds.
             * @member {number} retryAfterSeconds
             * @memberof atc.v1.DataBankResult
             * @instance
             */
            DataBankResult.prototype.retryAfterSeconds = 0;

            /**
             * Creates a new DataBankResult instance using the specified properties.
             * @function create
             * @memberof atc.v1.DataBankResult
             * @static
             * @param {atc.v1.DataBankResult.$Properties=} [properties] Properties to set
             * @returns {atc.v1.DataBankResult} DataBankResult instance
             * @type {{
             *   (properties: atc.v1.DataBankResult.$Shape): atc.v1.DataBankResult & atc.v1.DataBankResult.$Shape;
             *   (properties?: atc.v1.DataBankResult.$Properties): atc.v1.DataBankResult;
             * }}
             */
            DataBankResult.create = function(properties) {
                return new DataBankResult(properties);
            };

            /**
             * Encodes the specified DataBankResult message. Does not implicitly {@link atc.v1.DataBankResult.verify|verify} messages.
             * @function encode
             * @memberof atc.v1.DataBankResult
             * @static
             * @param {atc.v1.DataBankResult.$Properties} message DataBankResult message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DataBankResult.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce") && message.nonce.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.nonce);
                if (message.queryMessageId != null && $Object.hasOwnProperty.call(message, "queryMessageId") && message.queryMessageId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.queryMessageId);
                if (message.hits != null && message.hits.length)
                    for (let i = 0; i < message.hits.length; ++i)
                        $root.atc.v1.DataBankHit.encode(message.hits[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.truncated != null && $Object.hasOwnProperty.call(message, "truncated") && message.truncated !== false)
                    writer.uint32(/* id 4, wireType 0 =*/32).bool(message.truncated);
                if (message.refusalCode != null && $Object.hasOwnProperty.call(message, "refusalCode") && message.refusalCode !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.refusalCode);
                if (message.refusalDetail != null && $Object.hasOwnProperty.call(message, "refusalDetail") && message.refusalDetail !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.refusalDetail);
                if (message.retryAfterSeconds != null && $Object.hasOwnProperty.call(message, "retryAfterSeconds") && message.retryAfterSeconds !== 0)
                    writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.retryAfterSeconds);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified DataBankResult message, length delimited. Does not implicitly {@link atc.v1.DataBankResult.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atc.v1.DataBankResult
             * @static
             * @param {atc.v1.DataBankResult.$Properties} message DataBankResult message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DataBankResult.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a DataBankResult message from the specified reader or buffer.
             * @function decode
             * @memberof atc.v1.DataBankResult
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {atc.v1.DataBankResult & atc.v1.DataBankResult.$Shape} DataBankResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DataBankResult.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.atc.v1.DataBankResult();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.nonce = value;
                            else
                                delete message.nonce;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.queryMessageId = value;
                            else
                                delete message.queryMessageId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if (!(message.hits && message.hits.length))
                                message.hits = [];
                            message.hits.push($root.atc.v1.DataBankHit.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.truncated = value;
                            else
                                delete message.truncated;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.refusalCode = value;
                            else
                                delete message.refusalCode;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.refusalDetail = value;
                            else
                                delete message.refusalDetail;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.retryAfterSeconds = value;
                            else
                                delete message.retryAfterSeconds;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a DataBankResult message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atc.v1.DataBankResult
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atc.v1.DataBankResult & atc.v1.DataBankResult.$Shape} DataBankResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DataBankResult.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a DataBankResult message.
             * @function verify
             * @memberof atc.v1.DataBankResult
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            DataBankResult.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    if (!(message.nonce && typeof message.nonce.length === "number" || $util.isString(message.nonce)))
                        return "nonce: buffer expected";
                if (message.queryMessageId != null && $Object.hasOwnProperty.call(message, "queryMessageId"))
                    if (!$util.isString(message.queryMessageId))
                        return "queryMessageId: string expected";
                if (message.hits != null && $Object.hasOwnProperty.call(message, "hits")) {
                    if (!$Array.isArray(message.hits))
                        return "hits: array expected";
                    for (let i = 0; i < message.hits.length; ++i) {
                        let error = $root.atc.v1.DataBankHit.verify(message.hits[i], _depth + 1);
                        if (error)
                            return "hits." + error;
                    }
                }
                if (message.truncated != null && $Object.hasOwnProperty.call(message, "truncated"))
                    if (typeof message.truncated !== "boolean")
                        return "truncated: boolean expected";
                if (message.refusalCode != null && $Object.hasOwnProperty.call(message, "refusalCode"))
                    if (!$util.isString(message.refusalCode))
                        return "refusalCode: string expected";
                if (message.refusalDetail != null && $Object.hasOwnProperty.call(message, "refusalDetail"))
                    if (!$util.isString(message.refusalDetail))
                        return "refusalDetail: string expected";
                if (message.retryAfterSeconds != null && $Object.hasOwnProperty.call(message, "retryAfterSeconds"))
                    if (!$util.isInteger(message.retryAfterSeconds))
                        return "retryAfterSeconds: integer expected";
                return null;
            };

            /**
             * Creates a DataBankResult message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof atc.v1.DataBankResult
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {atc.v1.DataBankResult} DataBankResult
             */
            DataBankResult.fromObject = function (object, _depth) {
                if (object instanceof $root.atc.v1.DataBankResult)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".atc.v1.DataBankResult: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.atc.v1.DataBankResult();
                if (object.nonce != null)
                    if (object.nonce.length)
                        if (typeof object.nonce === "string")
                            $util.base64.decode(object.nonce, message.nonce = $util.newBuffer($util.base64.length(object.nonce)), 0);
                        else if (object.nonce.length >= 0)
                            message.nonce = object.nonce;
                if (object.queryMessageId != null)
                    if (typeof object.queryMessageId !== "string" || object.queryMessageId.length)
                        message.queryMessageId = $String(object.queryMessageId);
                if (object.hits) {
                    if (!$Array.isArray(object.hits))
                        throw $TypeError(".atc.v1.DataBankResult.hits: array expected");
                    message.hits = $Array(object.hits.length);
                    for (let i = 0; i < object.hits.length; ++i) {
                        if (!$util.isObject(object.hits[i]))
                            throw $TypeError(".atc.v1.DataBankResult.hits: object expected");
                        message.hits[i] = $root.atc.v1.DataBankHit.fromObject(object.hits[i], _depth + 1);
                    }
                }
                if (object.truncated != null)
                    if (object.truncated)
                        message.truncated = $Boolean(object.truncated);
                if (object.refusalCode != null)
                    if (typeof object.refusalCode !== "string" || object.refusalCode.length)
                        message.refusalCode = $String(object.refusalCode);
                if (object.refusalDetail != null)
                    if (typeof object.refusalDetail !== "string" || object.refusalDetail.length)
                        message.refusalDetail = $String(object.refusalDetail);
                if (object.retryAfterSeconds != null)
                    if ($Number(object.retryAfterSeconds) !== 0)
                        message.retryAfterSeconds = object.retryAfterSeconds >>> 0;
                return message;
            };

            /**
             * Creates a plain object from a DataBankResult message. Also converts values to other types if specified.
             * @function toObject
             * @memberof atc.v1.DataBankResult
             * @static
             * @param {atc.v1.DataBankResult} message DataBankResult
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            DataBankResult.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.hits = [];
                if (options.defaults) {
                    if (options.bytes === $String)
                        object.nonce = "";
                    else {
                        object.nonce = [];
                        if (options.bytes !== $Array)
                            object.nonce = $util.newBuffer(object.nonce);
                    }
                    object.queryMessageId = "";
                    object.truncated = false;
                    object.refusalCode = "";
                    object.refusalDetail = "";
                    object.retryAfterSeconds = 0;
                }
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    object.nonce = options.bytes === $String ? $util.base64.encode(message.nonce, 0, message.nonce.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.nonce) : message.nonce;
                if (message.queryMessageId != null && $Object.hasOwnProperty.call(message, "queryMessageId"))
                    object.queryMessageId = message.queryMessageId;
                if (message.hits && message.hits.length) {
                    object.hits = $Array(message.hits.length);
                    for (let j = 0; j < message.hits.length; ++j)
                        object.hits[j] = $root.atc.v1.DataBankHit.toObject(message.hits[j], options, _depth + 1);
                }
                if (message.truncated != null && $Object.hasOwnProperty.call(message, "truncated"))
                    object.truncated = message.truncated;
                if (message.refusalCode != null && $Object.hasOwnProperty.call(message, "refusalCode"))
                    object.refusalCode = message.refusalCode;
                if (message.refusalDetail != null && $Object.hasOwnProperty.call(message, "refusalDetail"))
                    object.refusalDetail = message.refusalDetail;
                if (message.retryAfterSeconds != null && $Object.hasOwnProperty.call(message, "retryAfterSeconds"))
                    object.retryAfterSeconds = message.retryAfterSeconds;
                return object;
            };

            /**
             * Converts this DataBankResult to JSON.
             * @function toJSON
             * @memberof atc.v1.DataBankResult
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            DataBankResult.prototype.toJSON = function() {
                return DataBankResult.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for DataBankResult
             * @function getTypeUrl
             * @memberof atc.v1.DataBankResult
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DataBankResult.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atc.v1.DataBankResult";
            };

            return DataBankResult;
        })();

        return v1;
    })();

    return atc;
})();

export const google = $root.google = (() => {

    /**
     * Namespace google.
     * @exports google
     * @namespace
     */
    const google = {};

    google.protobuf = (function() {

        /**
         * Namespace protobuf.
         * @memberof google
         * @namespace
         */
        const protobuf = {};

        protobuf.Timestamp = (function() {

            /**
             * Properties of a Timestamp.
             * @typedef {Object} google.protobuf.Timestamp.$Properties
             * @property {number|null} [seconds] Timestamp seconds
             * @property {number|null} [nanos] Timestamp nanos
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Timestamp.
             * @memberof google.protobuf
             * @interface ITimestamp
             * @augments google.protobuf.Timestamp.$Properties
             * @deprecated Use google.protobuf.Timestamp.$Properties instead.
             */

            /**
             * Shape of a Timestamp.
             * @typedef {google.protobuf.Timestamp.$Properties} google.protobuf.Timestamp.$Shape
             */

            /**
             * Constructs a new Timestamp.
             * @memberof google.protobuf
             * @classdesc Represents a Timestamp.
             * @constructor
             * @param {google.protobuf.Timestamp.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Timestamp = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Timestamp seconds.
             * @member {number} seconds
             * @memberof google.protobuf.Timestamp
             * @instance
             */
            Timestamp.prototype.seconds = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Timestamp nanos.
             * @member {number} nanos
             * @memberof google.protobuf.Timestamp
             * @instance
             */
            Timestamp.prototype.nanos = 0;

            /**
             * Creates a new Timestamp instance using the specified properties.
             * @function create
             * @memberof google.protobuf.Timestamp
             * @static
             * @param {google.protobuf.Timestamp.$Properties=} [properties] Properties to set
             * @returns {google.protobuf.Timestamp} Timestamp instance
             * @type {{
             *   (properties: google.protobuf.Timestamp.$Shape): google.protobuf.Timestamp & google.protobuf.Timestamp.$Shape;
             *   (properties?: google.protobuf.Timestamp.$Properties): google.protobuf.Timestamp;
             * }}
             */
            Timestamp.create = function(properties) {
                return new Timestamp(properties);
            };

            /**
             * Encodes the specified Timestamp message. Does not implicitly {@link google.protobuf.Timestamp.verify|verify} messages.
             * @function encode
             * @memberof google.protobuf.Timestamp
             * @static
             * @param {google.protobuf.Timestamp.$Properties} message Timestamp message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Timestamp.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.seconds != null && $Object.hasOwnProperty.call(message, "seconds") && (typeof message.seconds === "object" ? message.seconds.low || message.seconds.high : message.seconds !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).int64(message.seconds);
                if (message.nanos != null && $Object.hasOwnProperty.call(message, "nanos") && message.nanos !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.nanos);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Timestamp message, length delimited. Does not implicitly {@link google.protobuf.Timestamp.verify|verify} messages.
             * @function encodeDelimited
             * @memberof google.protobuf.Timestamp
             * @static
             * @param {google.protobuf.Timestamp.$Properties} message Timestamp message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Timestamp.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Timestamp message from the specified reader or buffer.
             * @function decode
             * @memberof google.protobuf.Timestamp
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {google.protobuf.Timestamp & google.protobuf.Timestamp.$Shape} Timestamp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Timestamp.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.google.protobuf.Timestamp();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.seconds = value;
                            else
                                delete message.seconds;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.nanos = value;
                            else
                                delete message.nanos;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Timestamp message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof google.protobuf.Timestamp
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {google.protobuf.Timestamp & google.protobuf.Timestamp.$Shape} Timestamp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Timestamp.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Timestamp message.
             * @function verify
             * @memberof google.protobuf.Timestamp
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Timestamp.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.seconds != null && $Object.hasOwnProperty.call(message, "seconds"))
                    if (!$util.isInteger(message.seconds) && !(message.seconds && $util.isInteger(message.seconds.low) && $util.isInteger(message.seconds.high)))
                        return "seconds: integer|Long expected";
                if (message.nanos != null && $Object.hasOwnProperty.call(message, "nanos"))
                    if (!$util.isInteger(message.nanos))
                        return "nanos: integer expected";
                return null;
            };

            /**
             * Creates a Timestamp message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof google.protobuf.Timestamp
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {google.protobuf.Timestamp} Timestamp
             */
            Timestamp.fromObject = function (object, _depth) {
                if (object instanceof $root.google.protobuf.Timestamp)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".google.protobuf.Timestamp: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.google.protobuf.Timestamp();
                if (object.seconds != null)
                    if (typeof object.seconds === "object" ? object.seconds.low || object.seconds.high : $Number(object.seconds) !== 0)
                        if ($util.Long)
                            message.seconds = $util.Long.fromValue(object.seconds, false);
                        else if (typeof object.seconds === "string")
                            message.seconds = $parseInt(object.seconds, 10);
                        else if (typeof object.seconds === "number")
                            message.seconds = object.seconds;
                        else if (typeof object.seconds === "object")
                            message.seconds = new $util.LongBits(object.seconds.low >>> 0, object.seconds.high >>> 0).toNumber();
                if (object.nanos != null)
                    if ($Number(object.nanos) !== 0)
                        message.nanos = object.nanos | 0;
                return message;
            };

            /**
             * Creates a plain object from a Timestamp message. Also converts values to other types if specified.
             * @function toObject
             * @memberof google.protobuf.Timestamp
             * @static
             * @param {google.protobuf.Timestamp} message Timestamp
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Timestamp.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.seconds = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.seconds = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.nanos = 0;
                }
                if (message.seconds != null && $Object.hasOwnProperty.call(message, "seconds"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.seconds = typeof message.seconds === "number" ? $BigInt(message.seconds) : $util.Long.fromBits(message.seconds.low >>> 0, message.seconds.high >>> 0, false).toBigInt();
                    else if (typeof message.seconds === "number")
                        object.seconds = options.longs === $String ? $String(message.seconds) : message.seconds;
                    else
                        object.seconds = options.longs === $String ? $util.Long.prototype.toString.call(message.seconds) : options.longs === $Number ? new $util.LongBits(message.seconds.low >>> 0, message.seconds.high >>> 0).toNumber() : message.seconds;
                if (message.nanos != null && $Object.hasOwnProperty.call(message, "nanos"))
                    object.nanos = message.nanos;
                return object;
            };

            /**
             * Converts this Timestamp to JSON.
             * @function toJSON
             * @memberof google.protobuf.Timestamp
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Timestamp.prototype.toJSON = function() {
                return Timestamp.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Timestamp
             * @function getTypeUrl
             * @memberof google.protobuf.Timestamp
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Timestamp.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/google.protobuf.Timestamp";
            };

            return Timestamp;
        })();

        return protobuf;
    })();

    return google;
})();

export {
  $root as default
};
