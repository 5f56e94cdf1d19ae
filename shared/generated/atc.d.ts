import * as $protobuf from "protobufjs/minimal.js";
import Long = require("long");

/** Namespace atc. */
export namespace atc {

    /** Namespace v1. */
    namespace v1 {

        /**
         * Properties of a DeliveryAck.
         * @deprecated Use atc.v1.DeliveryAck.$Properties instead.
         */
        interface IDeliveryAck extends atc.v1.DeliveryAck.$Properties {
        }

        /** Represents a DeliveryAck. */
        class DeliveryAck {

            /**
             * Constructs a new DeliveryAck.
             * @param [properties] Properties to set
             */
            constructor(properties?: atc.v1.DeliveryAck.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** DeliveryAck nonce. */
            nonce: Uint8Array;

            /** DeliveryAck messageId. */
            messageId: string;

            /** DeliveryAck deliveredAt. */
            deliveredAt?: (google.protobuf.Timestamp.$Properties|null);

            /** DeliveryAck channel. */
            channel: atc.v1.DeliveryChannel;

            /**
             * Creates a new DeliveryAck instance using the specified properties.
             * @param [properties] Properties to set
             * @returns DeliveryAck instance
             */
            static create(properties: atc.v1.DeliveryAck.$Shape): atc.v1.DeliveryAck & atc.v1.DeliveryAck.$Shape;
            static create(properties?: atc.v1.DeliveryAck.$Properties): atc.v1.DeliveryAck;

            /**
             * Encodes the specified DeliveryAck message. Does not implicitly {@link atc.v1.DeliveryAck.verify|verify} messages.
             * @param message DeliveryAck message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: atc.v1.DeliveryAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified DeliveryAck message, length delimited. Does not implicitly {@link atc.v1.DeliveryAck.verify|verify} messages.
             * @param message DeliveryAck message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: atc.v1.DeliveryAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a DeliveryAck message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {atc.v1.DeliveryAck & atc.v1.DeliveryAck.$Shape} DeliveryAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): atc.v1.DeliveryAck & atc.v1.DeliveryAck.$Shape;

            /**
             * Decodes a DeliveryAck message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {atc.v1.DeliveryAck & atc.v1.DeliveryAck.$Shape} DeliveryAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atc.v1.DeliveryAck & atc.v1.DeliveryAck.$Shape;

            /**
             * Verifies a DeliveryAck message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a DeliveryAck message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns DeliveryAck
             */
            static fromObject(object: { [k: string]: any }): atc.v1.DeliveryAck;

            /**
             * Creates a plain object from a DeliveryAck message. Also converts values to other types if specified.
             * @param message DeliveryAck
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: atc.v1.DeliveryAck, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this DeliveryAck to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for DeliveryAck
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace DeliveryAck {

            /** Properties of a DeliveryAck. */
            interface $Properties {

                /** DeliveryAck nonce */
                nonce?: (Uint8Array|null);

                /** DeliveryAck messageId */
                messageId?: (string|null);

                /** DeliveryAck deliveredAt */
                deliveredAt?: (google.protobuf.Timestamp.$Properties|null);

                /** DeliveryAck channel */
                channel?: (atc.v1.DeliveryChannel|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a DeliveryAck. */
            type $Shape = atc.v1.DeliveryAck.$Properties;
        }

        /**
         * Properties of a PurgeAck.
         * @deprecated Use atc.v1.PurgeAck.$Properties instead.
         */
        interface IPurgeAck extends atc.v1.PurgeAck.$Properties {
        }

        /** Represents a PurgeAck. */
        class PurgeAck {

            /**
             * Constructs a new PurgeAck.
             * @param [properties] Properties to set
             */
            constructor(properties?: atc.v1.PurgeAck.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PurgeAck nonce. */
            nonce: Uint8Array;

            /** PurgeAck withdrawalMessageId. */
            withdrawalMessageId: string;

            /** PurgeAck originator. */
            originator: string;

            /** PurgeAck recordId. */
            recordId: string;

            /** PurgeAck versions. */
            versions: number[];

            /** PurgeAck erasedAt. */
            erasedAt?: (google.protobuf.Timestamp.$Properties|null);

            /** PurgeAck count. */
            count: number;

            /**
             * Creates a new PurgeAck instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PurgeAck instance
             */
            static create(properties: atc.v1.PurgeAck.$Shape): atc.v1.PurgeAck & atc.v1.PurgeAck.$Shape;
            static create(properties?: atc.v1.PurgeAck.$Properties): atc.v1.PurgeAck;

            /**
             * Encodes the specified PurgeAck message. Does not implicitly {@link atc.v1.PurgeAck.verify|verify} messages.
             * @param message PurgeAck message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: atc.v1.PurgeAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified PurgeAck message, length delimited. Does not implicitly {@link atc.v1.PurgeAck.verify|verify} messages.
             * @param message PurgeAck message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: atc.v1.PurgeAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PurgeAck message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {atc.v1.PurgeAck & atc.v1.PurgeAck.$Shape} PurgeAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): atc.v1.PurgeAck & atc.v1.PurgeAck.$Shape;

            /**
             * Decodes a PurgeAck message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {atc.v1.PurgeAck & atc.v1.PurgeAck.$Shape} PurgeAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atc.v1.PurgeAck & atc.v1.PurgeAck.$Shape;

            /**
             * Verifies a PurgeAck message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a PurgeAck message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns PurgeAck
             */
            static fromObject(object: { [k: string]: any }): atc.v1.PurgeAck;

            /**
             * Creates a plain object from a PurgeAck message. Also converts values to other types if specified.
             * @param message PurgeAck
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: atc.v1.PurgeAck, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this PurgeAck to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for PurgeAck
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace PurgeAck {

            /** Properties of a PurgeAck. */
            interface $Properties {

                /** PurgeAck nonce */
                nonce?: (Uint8Array|null);

                /** PurgeAck withdrawalMessageId */
                withdrawalMessageId?: (string|null);

                /** PurgeAck originator */
                originator?: (string|null);

                /** PurgeAck recordId */
                recordId?: (string|null);

                /** PurgeAck versions */
                versions?: (number[]|null);

                /** PurgeAck erasedAt */
                erasedAt?: (google.protobuf.Timestamp.$Properties|null);

                /** PurgeAck count */
                count?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PurgeAck. */
            type $Shape = atc.v1.PurgeAck.$Properties;
        }

        /** DeliveryChannel enum. */
        enum DeliveryChannel {

            /** DELIVERY_CHANNEL_UNSPECIFIED value */
            DELIVERY_CHANNEL_UNSPECIFIED = 0,

            /** DELIVERY_CHANNEL_WEBHOOK value */
            DELIVERY_CHANNEL_WEBHOOK = 1,

            /** DELIVERY_CHANNEL_API value */
            DELIVERY_CHANNEL_API = 2
        }

        /** ReceiptStatus enum. */
        enum ReceiptStatus {

            /** RECEIPT_STATUS_UNSPECIFIED value */
            RECEIPT_STATUS_UNSPECIFIED = 0,

            /** RECEIPT_STATUS_ACCEPTED value */
            RECEIPT_STATUS_ACCEPTED = 1,

            /** RECEIPT_STATUS_REJECTED value */
            RECEIPT_STATUS_REJECTED = 2,

            /** RECEIPT_STATUS_DELIVERED value */
            RECEIPT_STATUS_DELIVERED = 3
        }

        /** ReasonCode enum. */
        enum ReasonCode {

            /** REASON_CODE_UNSPECIFIED value */
            REASON_CODE_UNSPECIFIED = 0,

            /** REASON_CODE_ENVELOPE_TOO_LARGE value */
            REASON_CODE_ENVELOPE_TOO_LARGE = 1,

            /** REASON_CODE_ENVELOPE_EMPTY value */
            REASON_CODE_ENVELOPE_EMPTY = 2,

            /** REASON_CODE_ENVELOPE_MALFORMED value */
            REASON_CODE_ENVELOPE_MALFORMED = 3,

            /** REASON_CODE_ENVELOPE_NOT_CANONICAL value */
            REASON_CODE_ENVELOPE_NOT_CANONICAL = 4,

            /** REASON_CODE_HEADER_MALFORMED value */
            REASON_CODE_HEADER_MALFORMED = 5,

            /** REASON_CODE_FIELD_DUPLICATED value */
            REASON_CODE_FIELD_DUPLICATED = 6,

            /** REASON_CODE_UTF8_INVALID value */
            REASON_CODE_UTF8_INVALID = 7,

            /** REASON_CODE_HEADER_FIELD_MISSING value */
            REASON_CODE_HEADER_FIELD_MISSING = 8,

            /** REASON_CODE_HEADER_FIELD_INVALID value */
            REASON_CODE_HEADER_FIELD_INVALID = 9,

            /** REASON_CODE_PROTOCOL_UNSUPPORTED value */
            REASON_CODE_PROTOCOL_UNSUPPORTED = 10,

            /** REASON_CODE_MESSAGE_ID_INVALID value */
            REASON_CODE_MESSAGE_ID_INVALID = 11,

            /** REASON_CODE_MEMBER_ID_INVALID value */
            REASON_CODE_MEMBER_ID_INVALID = 12,

            /** REASON_CODE_PAYLOAD_TYPE_UNKNOWN value */
            REASON_CODE_PAYLOAD_TYPE_UNKNOWN = 13,

            /** REASON_CODE_SIGNATURE_MALFORMED value */
            REASON_CODE_SIGNATURE_MALFORMED = 14,

            /** REASON_CODE_SIGNATURE_NOT_DETACHED value */
            REASON_CODE_SIGNATURE_NOT_DETACHED = 15,

            /** REASON_CODE_SIGNATURE_ALGORITHM_NOT_ALLOWED value */
            REASON_CODE_SIGNATURE_ALGORITHM_NOT_ALLOWED = 16,

            /** REASON_CODE_SENDER_MISMATCH value */
            REASON_CODE_SENDER_MISMATCH = 17,

            /** REASON_CODE_KEY_OWNER_MISMATCH value */
            REASON_CODE_KEY_OWNER_MISMATCH = 18,

            /** REASON_CODE_KEY_UNKNOWN value */
            REASON_CODE_KEY_UNKNOWN = 19,

            /** REASON_CODE_KEY_REVOKED value */
            REASON_CODE_KEY_REVOKED = 20,

            /** REASON_CODE_KEY_NOT_VALID_AT_TIME value */
            REASON_CODE_KEY_NOT_VALID_AT_TIME = 21,

            /** REASON_CODE_SIGNATURE_INVALID value */
            REASON_CODE_SIGNATURE_INVALID = 22,

            /** REASON_CODE_PAYLOAD_DIGEST_MISMATCH value */
            REASON_CODE_PAYLOAD_DIGEST_MISMATCH = 23,

            /** REASON_CODE_PAYLOAD_MALFORMED value */
            REASON_CODE_PAYLOAD_MALFORMED = 24,

            /** REASON_CODE_MESSAGE_ID_REUSED value */
            REASON_CODE_MESSAGE_ID_REUSED = 25,

            /** REASON_CODE_TIMESTAMP_IN_FUTURE value */
            REASON_CODE_TIMESTAMP_IN_FUTURE = 26,

            /** REASON_CODE_TIMESTAMP_TOO_OLD value */
            REASON_CODE_TIMESTAMP_TOO_OLD = 27,

            /** REASON_CODE_SENDER_UNKNOWN value */
            REASON_CODE_SENDER_UNKNOWN = 28,

            /** REASON_CODE_SENDER_SUSPENDED value */
            REASON_CODE_SENDER_SUSPENDED = 29,

            /** REASON_CODE_RECIPIENT_UNKNOWN value */
            REASON_CODE_RECIPIENT_UNKNOWN = 30,

            /** REASON_CODE_RECIPIENT_SUSPENDED value */
            REASON_CODE_RECIPIENT_SUSPENDED = 31,

            /** REASON_CODE_BROADCAST_RED_FORBIDDEN value */
            REASON_CODE_BROADCAST_RED_FORBIDDEN = 32,

            /** REASON_CODE_POLICY_DENIED value */
            REASON_CODE_POLICY_DENIED = 33,

            /** REASON_CODE_PAYLOAD_TYPE_NOT_ALLOWED value */
            REASON_CODE_PAYLOAD_TYPE_NOT_ALLOWED = 34,

            /** REASON_CODE_REFERENCE_UNKNOWN value */
            REASON_CODE_REFERENCE_UNKNOWN = 35,

            /** REASON_CODE_NOT_ORIGINATOR value */
            REASON_CODE_NOT_ORIGINATOR = 36,

            /** REASON_CODE_REFERENCE_MISMATCH value */
            REASON_CODE_REFERENCE_MISMATCH = 37,

            /** REASON_CODE_QUERY_TOO_BROAD value */
            REASON_CODE_QUERY_TOO_BROAD = 38,

            /** REASON_CODE_QUERY_LIMIT_INVALID value */
            REASON_CODE_QUERY_LIMIT_INVALID = 39,

            /** REASON_CODE_QUERY_NAME_UNREADABLE value */
            REASON_CODE_QUERY_NAME_UNREADABLE = 40
        }

        /**
         * Properties of a Receipt.
         * @deprecated Use atc.v1.Receipt.$Properties instead.
         */
        interface IReceipt extends atc.v1.Receipt.$Properties {
        }

        /** Represents a Receipt. */
        class Receipt {

            /**
             * Constructs a new Receipt.
             * @param [properties] Properties to set
             */
            constructor(properties?: atc.v1.Receipt.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Receipt nonce. */
            nonce: Uint8Array;

            /** Receipt messageId. */
            messageId: string;

            /** Receipt status. */
            status: atc.v1.ReceiptStatus;

            /** Receipt reason. */
            reason: atc.v1.ReasonCode;

            /** Receipt detail. */
            detail: string;

            /** Receipt recipients. */
            recipients: string[];

            /** Receipt recipient. */
            recipient: string;

            /** Receipt envelopeSha256. */
            envelopeSha256: Uint8Array;

            /** Receipt at. */
            at?: (google.protobuf.Timestamp.$Properties|null);

            /** Receipt leafIndex. */
            leafIndex: number;

            /** Receipt checkpoint. */
            checkpoint: string;

            /** Receipt inclusionProof. */
            inclusionProof: Uint8Array[];

            /**
             * Creates a new Receipt instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Receipt instance
             */
            static create(properties: atc.v1.Receipt.$Shape): atc.v1.Receipt & atc.v1.Receipt.$Shape;
            static create(properties?: atc.v1.Receipt.$Properties): atc.v1.Receipt;

            /**
             * Encodes the specified Receipt message. Does not implicitly {@link atc.v1.Receipt.verify|verify} messages.
             * @param message Receipt message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: atc.v1.Receipt.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Receipt message, length delimited. Does not implicitly {@link atc.v1.Receipt.verify|verify} messages.
             * @param message Receipt message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: atc.v1.Receipt.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Receipt message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {atc.v1.Receipt & atc.v1.Receipt.$Shape} Receipt
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): atc.v1.Receipt & atc.v1.Receipt.$Shape;

            /**
             * Decodes a Receipt message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {atc.v1.Receipt & atc.v1.Receipt.$Shape} Receipt
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atc.v1.Receipt & atc.v1.Receipt.$Shape;

            /**
             * Verifies a Receipt message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a Receipt message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Receipt
             */
            static fromObject(object: { [k: string]: any }): atc.v1.Receipt;

            /**
             * Creates a plain object from a Receipt message. Also converts values to other types if specified.
             * @param message Receipt
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: atc.v1.Receipt, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Receipt to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Receipt
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Receipt {

            /** Properties of a Receipt. */
            interface $Properties {

                /** Receipt nonce */
                nonce?: (Uint8Array|null);

                /** Receipt messageId */
                messageId?: (string|null);

                /** Receipt status */
                status?: (atc.v1.ReceiptStatus|null);

                /** Receipt reason */
                reason?: (atc.v1.ReasonCode|null);

                /** Receipt detail */
                detail?: (string|null);

                /** Receipt recipients */
                recipients?: (string[]|null);

                /** Receipt recipient */
                recipient?: (string|null);

                /** Receipt envelopeSha256 */
                envelopeSha256?: (Uint8Array|null);

                /** Receipt at */
                at?: (google.protobuf.Timestamp.$Properties|null);

                /** Receipt leafIndex */
                leafIndex?: (number|null);

                /** Receipt checkpoint */
                checkpoint?: (string|null);

                /** Receipt inclusionProof */
                inclusionProof?: (Uint8Array[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Receipt. */
            type $Shape = atc.v1.Receipt.$Properties;
        }

        /** KeyEventType enum. */
        enum KeyEventType {

            /** KEY_EVENT_TYPE_UNSPECIFIED value */
            KEY_EVENT_TYPE_UNSPECIFIED = 0,

            /** KEY_EVENT_TYPE_REGISTERED value */
            KEY_EVENT_TYPE_REGISTERED = 1,

            /** KEY_EVENT_TYPE_REVOKED value */
            KEY_EVENT_TYPE_REVOKED = 2
        }

        /** RevocationReason enum. */
        enum RevocationReason {

            /** REVOCATION_REASON_UNSPECIFIED value */
            REVOCATION_REASON_UNSPECIFIED = 0,

            /** REVOCATION_REASON_SUPERSEDED value */
            REVOCATION_REASON_SUPERSEDED = 1,

            /** REVOCATION_REASON_COMPROMISED value */
            REVOCATION_REASON_COMPROMISED = 2,

            /** REVOCATION_REASON_CESSATION value */
            REVOCATION_REASON_CESSATION = 3
        }

        /**
         * Properties of a KeyEvent.
         * @deprecated Use atc.v1.KeyEvent.$Properties instead.
         */
        interface IKeyEvent extends atc.v1.KeyEvent.$Properties {
        }

        /** Represents a KeyEvent. */
        class KeyEvent {

            /**
             * Constructs a new KeyEvent.
             * @param [properties] Properties to set
             */
            constructor(properties?: atc.v1.KeyEvent.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** KeyEvent nonce. */
            nonce: Uint8Array;

            /** KeyEvent type. */
            type: atc.v1.KeyEventType;

            /** KeyEvent memberId. */
            memberId: string;

            /** KeyEvent kid. */
            kid: string;

            /** KeyEvent publicJwk. */
            publicJwk: string;

            /** KeyEvent validFrom. */
            validFrom?: (google.protobuf.Timestamp.$Properties|null);

            /** KeyEvent validUntil. */
            validUntil?: (google.protobuf.Timestamp.$Properties|null);

            /** KeyEvent revokedAt. */
            revokedAt?: (google.protobuf.Timestamp.$Properties|null);

            /** KeyEvent reason. */
            reason: atc.v1.RevocationReason;

            /** KeyEvent comment. */
            comment: string;

            /**
             * Creates a new KeyEvent instance using the specified properties.
             * @param [properties] Properties to set
             * @returns KeyEvent instance
             */
            static create(properties: atc.v1.KeyEvent.$Shape): atc.v1.KeyEvent & atc.v1.KeyEvent.$Shape;
            static create(properties?: atc.v1.KeyEvent.$Properties): atc.v1.KeyEvent;

            /**
             * Encodes the specified KeyEvent message. Does not implicitly {@link atc.v1.KeyEvent.verify|verify} messages.
             * @param message KeyEvent message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: atc.v1.KeyEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified KeyEvent message, length delimited. Does not implicitly {@link atc.v1.KeyEvent.verify|verify} messages.
             * @param message KeyEvent message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: atc.v1.KeyEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a KeyEvent message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {atc.v1.KeyEvent & atc.v1.KeyEvent.$Shape} KeyEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): atc.v1.KeyEvent & atc.v1.KeyEvent.$Shape;

            /**
             * Decodes a KeyEvent message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {atc.v1.KeyEvent & atc.v1.KeyEvent.$Shape} KeyEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atc.v1.KeyEvent & atc.v1.KeyEvent.$Shape;

            /**
             * Verifies a KeyEvent message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a KeyEvent message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns KeyEvent
             */
            static fromObject(object: { [k: string]: any }): atc.v1.KeyEvent;

            /**
             * Creates a plain object from a KeyEvent message. Also converts values to other types if specified.
             * @param message KeyEvent
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: atc.v1.KeyEvent, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this KeyEvent to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for KeyEvent
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace KeyEvent {

            /** Properties of a KeyEvent. */
            interface $Properties {

                /** KeyEvent nonce */
                nonce?: (Uint8Array|null);

                /** KeyEvent type */
                type?: (atc.v1.KeyEventType|null);

                /** KeyEvent memberId */
                memberId?: (string|null);

                /** KeyEvent kid */
                kid?: (string|null);

                /** KeyEvent publicJwk */
                publicJwk?: (string|null);

                /** KeyEvent validFrom */
                validFrom?: (google.protobuf.Timestamp.$Properties|null);

                /** KeyEvent validUntil */
                validUntil?: (google.protobuf.Timestamp.$Properties|null);

                /** KeyEvent revokedAt */
                revokedAt?: (google.protobuf.Timestamp.$Properties|null);

                /** KeyEvent reason */
                reason?: (atc.v1.RevocationReason|null);

                /** KeyEvent comment */
                comment?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a KeyEvent. */
            type $Shape = atc.v1.KeyEvent.$Properties;
        }

        /**
         * Properties of an Envelope.
         * @deprecated Use atc.v1.Envelope.$Properties instead.
         */
        interface IEnvelope extends atc.v1.Envelope.$Properties {
        }

        /** Represents an Envelope. */
        class Envelope {

            /**
             * Constructs a new Envelope.
             * @param [properties] Properties to set
             */
            constructor(properties?: atc.v1.Envelope.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Envelope header. */
            header: Uint8Array;

            /** Envelope payload. */
            payload: Uint8Array;

            /** Envelope signature. */
            signature: string;

            /**
             * Creates a new Envelope instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Envelope instance
             */
            static create(properties: atc.v1.Envelope.$Shape): atc.v1.Envelope & atc.v1.Envelope.$Shape;
            static create(properties?: atc.v1.Envelope.$Properties): atc.v1.Envelope;

            /**
             * Encodes the specified Envelope message. Does not implicitly {@link atc.v1.Envelope.verify|verify} messages.
             * @param message Envelope message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: atc.v1.Envelope.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Envelope message, length delimited. Does not implicitly {@link atc.v1.Envelope.verify|verify} messages.
             * @param message Envelope message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: atc.v1.Envelope.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Envelope message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {atc.v1.Envelope & atc.v1.Envelope.$Shape} Envelope
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): atc.v1.Envelope & atc.v1.Envelope.$Shape;

            /**
             * Decodes an Envelope message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {atc.v1.Envelope & atc.v1.Envelope.$Shape} Envelope
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atc.v1.Envelope & atc.v1.Envelope.$Shape;

            /**
             * Verifies an Envelope message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an Envelope message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Envelope
             */
            static fromObject(object: { [k: string]: any }): atc.v1.Envelope;

            /**
             * Creates a plain object from an Envelope message. Also converts values to other types if specified.
             * @param message Envelope
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: atc.v1.Envelope, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Envelope to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Envelope
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Envelope {

            /** Properties of an Envelope. */
            interface $Properties {

                /** Envelope header */
                header?: (Uint8Array|null);

                /** Envelope payload */
                payload?: (Uint8Array|null);

                /** Envelope signature */
                signature?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Envelope. */
            type $Shape = atc.v1.Envelope.$Properties;
        }

        /**
         * Properties of a Header.
         * @deprecated Use atc.v1.Header.$Properties instead.
         */
        interface IHeader extends atc.v1.Header.$Properties {
        }

        /** Represents a Header. */
        class Header {

            /**
             * Constructs a new Header.
             * @param [properties] Properties to set
             */
            constructor(properties?: atc.v1.Header.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Header protocol. */
            protocol: number;

            /** Header messageId. */
            messageId: string;

            /** Header sender. */
            sender: string;

            /** Header recipients. */
            recipients: string[];

            /** Header broadcast. */
            broadcast: boolean;

            /** Header createdAt. */
            createdAt?: (google.protobuf.Timestamp.$Properties|null);

            /** Header payloadType. */
            payloadType: string;

            /** Header payloadSha256. */
            payloadSha256: Uint8Array;

            /** Header handling. */
            handling?: (atc.v1.Handling.$Properties|null);

            /** Header purpose. */
            purpose: string;

            /** Header legalBasis. */
            legalBasis: string;

            /** Header urgency. */
            urgency: atc.v1.Urgency;

            /** Header replyDueAt. */
            replyDueAt?: (google.protobuf.Timestamp.$Properties|null);

            /** Header correlationId. */
            correlationId: string;

            /** Header inReplyTo. */
            inReplyTo: string;

            /** Header senderSequence. */
            senderSequence: number;

            /** Header exercise. */
            exercise: boolean;

            /**
             * Creates a new Header instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Header instance
             */
            static create(properties: atc.v1.Header.$Shape): atc.v1.Header & atc.v1.Header.$Shape;
            static create(properties?: atc.v1.Header.$Properties): atc.v1.Header;

            /**
             * Encodes the specified Header message. Does not implicitly {@link atc.v1.Header.verify|verify} messages.
             * @param message Header message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: atc.v1.Header.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Header message, length delimited. Does not implicitly {@link atc.v1.Header.verify|verify} messages.
             * @param message Header message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: atc.v1.Header.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Header message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {atc.v1.Header & atc.v1.Header.$Shape} Header
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): atc.v1.Header & atc.v1.Header.$Shape;

            /**
             * Decodes a Header message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {atc.v1.Header & atc.v1.Header.$Shape} Header
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atc.v1.Header & atc.v1.Header.$Shape;

            /**
             * Verifies a Header message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a Header message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Header
             */
            static fromObject(object: { [k: string]: any }): atc.v1.Header;

            /**
             * Creates a plain object from a Header message. Also converts values to other types if specified.
             * @param message Header
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: atc.v1.Header, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Header to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Header
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Header {

            /** Properties of a Header. */
            interface $Properties {

                /** Header protocol */
                protocol?: (number|null);

                /** Header messageId */
                messageId?: (string|null);

                /** Header sender */
                sender?: (string|null);

                /** Header recipients */
                recipients?: (string[]|null);

                /** Header broadcast */
                broadcast?: (boolean|null);

                /** Header createdAt */
                createdAt?: (google.protobuf.Timestamp.$Properties|null);

                /** Header payloadType */
                payloadType?: (string|null);

                /** Header payloadSha256 */
                payloadSha256?: (Uint8Array|null);

                /** Header handling */
                handling?: (atc.v1.Handling.$Properties|null);

                /** Header purpose */
                purpose?: (string|null);

                /** Header legalBasis */
                legalBasis?: (string|null);

                /** Header urgency */
                urgency?: (atc.v1.Urgency|null);

                /** Header replyDueAt */
                replyDueAt?: (google.protobuf.Timestamp.$Properties|null);

                /** Header correlationId */
                correlationId?: (string|null);

                /** Header inReplyTo */
                inReplyTo?: (string|null);

                /** Header senderSequence */
                senderSequence?: (number|null);

                /** Header exercise */
                exercise?: (boolean|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Header. */
            type $Shape = atc.v1.Header.$Properties;
        }

        /**
         * Properties of a Handling.
         * @deprecated Use atc.v1.Handling.$Properties instead.
         */
        interface IHandling extends atc.v1.Handling.$Properties {
        }

        /** Represents a Handling. */
        class Handling {

            /**
             * Constructs a new Handling.
             * @param [properties] Properties to set
             */
            constructor(properties?: atc.v1.Handling.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Handling tlp. */
            tlp: atc.v1.TlpLevel;

            /** Handling noOnwardTransmission. */
            noOnwardTransmission: boolean;

            /** Handling noJudicialUse. */
            noJudicialUse: boolean;

            /** Handling otherConditions. */
            otherConditions: string;

            /** Handling sourceReliability. */
            sourceReliability: atc.v1.SourceReliability;

            /** Handling informationAssessment. */
            informationAssessment: atc.v1.InformationAssessment;

            /** Handling reviewBy. */
            reviewBy?: (google.protobuf.Timestamp.$Properties|null);

            /** Handling hitNoHitOnly. */
            hitNoHitOnly: boolean;

            /**
             * Creates a new Handling instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Handling instance
             */
            static create(properties: atc.v1.Handling.$Shape): atc.v1.Handling & atc.v1.Handling.$Shape;
            static create(properties?: atc.v1.Handling.$Properties): atc.v1.Handling;

            /**
             * Encodes the specified Handling message. Does not implicitly {@link atc.v1.Handling.verify|verify} messages.
             * @param message Handling message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: atc.v1.Handling.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Handling message, length delimited. Does not implicitly {@link atc.v1.Handling.verify|verify} messages.
             * @param message Handling message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: atc.v1.Handling.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Handling message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {atc.v1.Handling & atc.v1.Handling.$Shape} Handling
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): atc.v1.Handling & atc.v1.Handling.$Shape;

            /**
             * Decodes a Handling message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {atc.v1.Handling & atc.v1.Handling.$Shape} Handling
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atc.v1.Handling & atc.v1.Handling.$Shape;

            /**
             * Verifies a Handling message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a Handling message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Handling
             */
            static fromObject(object: { [k: string]: any }): atc.v1.Handling;

            /**
             * Creates a plain object from a Handling message. Also converts values to other types if specified.
             * @param message Handling
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: atc.v1.Handling, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Handling to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Handling
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Handling {

            /** Properties of a Handling. */
            interface $Properties {

                /** Handling tlp */
                tlp?: (atc.v1.TlpLevel|null);

                /** Handling noOnwardTransmission */
                noOnwardTransmission?: (boolean|null);

                /** Handling noJudicialUse */
                noJudicialUse?: (boolean|null);

                /** Handling otherConditions */
                otherConditions?: (string|null);

                /** Handling sourceReliability */
                sourceReliability?: (atc.v1.SourceReliability|null);

                /** Handling informationAssessment */
                informationAssessment?: (atc.v1.InformationAssessment|null);

                /** Handling reviewBy */
                reviewBy?: (google.protobuf.Timestamp.$Properties|null);

                /** Handling hitNoHitOnly */
                hitNoHitOnly?: (boolean|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Handling. */
            type $Shape = atc.v1.Handling.$Properties;
        }

        /** TlpLevel enum. */
        enum TlpLevel {

            /** TLP_LEVEL_UNSPECIFIED value */
            TLP_LEVEL_UNSPECIFIED = 0,

            /** TLP_LEVEL_CLEAR value */
            TLP_LEVEL_CLEAR = 1,

            /** TLP_LEVEL_GREEN value */
            TLP_LEVEL_GREEN = 2,

            /** TLP_LEVEL_AMBER value */
            TLP_LEVEL_AMBER = 3,

            /** TLP_LEVEL_AMBER_STRICT value */
            TLP_LEVEL_AMBER_STRICT = 4,

            /** TLP_LEVEL_RED value */
            TLP_LEVEL_RED = 5
        }

        /** SourceReliability enum. */
        enum SourceReliability {

            /** SOURCE_RELIABILITY_UNSPECIFIED value */
            SOURCE_RELIABILITY_UNSPECIFIED = 0,

            /** SOURCE_RELIABILITY_A value */
            SOURCE_RELIABILITY_A = 1,

            /** SOURCE_RELIABILITY_B value */
            SOURCE_RELIABILITY_B = 2,

            /** SOURCE_RELIABILITY_C value */
            SOURCE_RELIABILITY_C = 3,

            /** SOURCE_RELIABILITY_X value */
            SOURCE_RELIABILITY_X = 4
        }

        /** InformationAssessment enum. */
        enum InformationAssessment {

            /** INFORMATION_ASSESSMENT_UNSPECIFIED value */
            INFORMATION_ASSESSMENT_UNSPECIFIED = 0,

            /** INFORMATION_ASSESSMENT_1 value */
            INFORMATION_ASSESSMENT_1 = 1,

            /** INFORMATION_ASSESSMENT_2 value */
            INFORMATION_ASSESSMENT_2 = 2,

            /** INFORMATION_ASSESSMENT_3 value */
            INFORMATION_ASSESSMENT_3 = 3,

            /** INFORMATION_ASSESSMENT_4 value */
            INFORMATION_ASSESSMENT_4 = 4
        }

        /** Urgency enum. */
        enum Urgency {

            /** URGENCY_UNSPECIFIED value */
            URGENCY_UNSPECIFIED = 0,

            /** URGENCY_IMMEDIATE value */
            URGENCY_IMMEDIATE = 1,

            /** URGENCY_URGENT value */
            URGENCY_URGENT = 2,

            /** URGENCY_NORMAL value */
            URGENCY_NORMAL = 3
        }

        /**
         * Properties of a PartialDate.
         * @deprecated Use atc.v1.PartialDate.$Properties instead.
         */
        interface IPartialDate extends atc.v1.PartialDate.$Properties {
        }

        /** Represents a PartialDate. */
        class PartialDate {

            /**
             * Constructs a new PartialDate.
             * @param [properties] Properties to set
             */
            constructor(properties?: atc.v1.PartialDate.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PartialDate year. */
            year: number;

            /** PartialDate month. */
            month: number;

            /** PartialDate day. */
            day: number;

            /**
             * Creates a new PartialDate instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PartialDate instance
             */
            static create(properties: atc.v1.PartialDate.$Shape): atc.v1.PartialDate & atc.v1.PartialDate.$Shape;
            static create(properties?: atc.v1.PartialDate.$Properties): atc.v1.PartialDate;

            /**
             * Encodes the specified PartialDate message. Does not implicitly {@link atc.v1.PartialDate.verify|verify} messages.
             * @param message PartialDate message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: atc.v1.PartialDate.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified PartialDate message, length delimited. Does not implicitly {@link atc.v1.PartialDate.verify|verify} messages.
             * @param message PartialDate message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: atc.v1.PartialDate.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PartialDate message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {atc.v1.PartialDate & atc.v1.PartialDate.$Shape} PartialDate
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): atc.v1.PartialDate & atc.v1.PartialDate.$Shape;

            /**
             * Decodes a PartialDate message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {atc.v1.PartialDate & atc.v1.PartialDate.$Shape} PartialDate
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atc.v1.PartialDate & atc.v1.PartialDate.$Shape;

            /**
             * Verifies a PartialDate message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a PartialDate message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns PartialDate
             */
            static fromObject(object: { [k: string]: any }): atc.v1.PartialDate;

            /**
             * Creates a plain object from a PartialDate message. Also converts values to other types if specified.
             * @param message PartialDate
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: atc.v1.PartialDate, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this PartialDate to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for PartialDate
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace PartialDate {

            /** Properties of a PartialDate. */
            interface $Properties {

                /** PartialDate year */
                year?: (number|null);

                /** PartialDate month */
                month?: (number|null);

                /** PartialDate day */
                day?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PartialDate. */
            type $Shape = atc.v1.PartialDate.$Properties;
        }

        /**
         * Properties of a RecordRef.
         * @deprecated Use atc.v1.RecordRef.$Properties instead.
         */
        interface IRecordRef extends atc.v1.RecordRef.$Properties {
        }

        /** Represents a RecordRef. */
        class RecordRef {

            /**
             * Constructs a new RecordRef.
             * @param [properties] Properties to set
             */
            constructor(properties?: atc.v1.RecordRef.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** RecordRef originator. */
            originator: string;

            /** RecordRef recordId. */
            recordId: string;

            /** RecordRef version. */
            version: number;

            /**
             * Creates a new RecordRef instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RecordRef instance
             */
            static create(properties: atc.v1.RecordRef.$Shape): atc.v1.RecordRef & atc.v1.RecordRef.$Shape;
            static create(properties?: atc.v1.RecordRef.$Properties): atc.v1.RecordRef;

            /**
             * Encodes the specified RecordRef message. Does not implicitly {@link atc.v1.RecordRef.verify|verify} messages.
             * @param message RecordRef message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: atc.v1.RecordRef.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified RecordRef message, length delimited. Does not implicitly {@link atc.v1.RecordRef.verify|verify} messages.
             * @param message RecordRef message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: atc.v1.RecordRef.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RecordRef message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {atc.v1.RecordRef & atc.v1.RecordRef.$Shape} RecordRef
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): atc.v1.RecordRef & atc.v1.RecordRef.$Shape;

            /**
             * Decodes a RecordRef message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {atc.v1.RecordRef & atc.v1.RecordRef.$Shape} RecordRef
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atc.v1.RecordRef & atc.v1.RecordRef.$Shape;

            /**
             * Verifies a RecordRef message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a RecordRef message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns RecordRef
             */
            static fromObject(object: { [k: string]: any }): atc.v1.RecordRef;

            /**
             * Creates a plain object from a RecordRef message. Also converts values to other types if specified.
             * @param message RecordRef
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: atc.v1.RecordRef, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RecordRef to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for RecordRef
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace RecordRef {

            /** Properties of a RecordRef. */
            interface $Properties {

                /** RecordRef originator */
                originator?: (string|null);

                /** RecordRef recordId */
                recordId?: (string|null);

                /** RecordRef version */
                version?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RecordRef. */
            type $Shape = atc.v1.RecordRef.$Properties;
        }

        /**
         * Properties of a NamePart.
         * @deprecated Use atc.v1.NamePart.$Properties instead.
         */
        interface INamePart extends atc.v1.NamePart.$Properties {
        }

        /** Represents a NamePart. */
        class NamePart {

            /**
             * Constructs a new NamePart.
             * @param [properties] Properties to set
             */
            constructor(properties?: atc.v1.NamePart.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** NamePart type. */
            type: atc.v1.NamePartType;

            /** NamePart value. */
            value: string;

            /**
             * Creates a new NamePart instance using the specified properties.
             * @param [properties] Properties to set
             * @returns NamePart instance
             */
            static create(properties: atc.v1.NamePart.$Shape): atc.v1.NamePart & atc.v1.NamePart.$Shape;
            static create(properties?: atc.v1.NamePart.$Properties): atc.v1.NamePart;

            /**
             * Encodes the specified NamePart message. Does not implicitly {@link atc.v1.NamePart.verify|verify} messages.
             * @param message NamePart message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: atc.v1.NamePart.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified NamePart message, length delimited. Does not implicitly {@link atc.v1.NamePart.verify|verify} messages.
             * @param message NamePart message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: atc.v1.NamePart.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a NamePart message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {atc.v1.NamePart & atc.v1.NamePart.$Shape} NamePart
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): atc.v1.NamePart & atc.v1.NamePart.$Shape;

            /**
             * Decodes a NamePart message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {atc.v1.NamePart & atc.v1.NamePart.$Shape} NamePart
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atc.v1.NamePart & atc.v1.NamePart.$Shape;

            /**
             * Verifies a NamePart message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a NamePart message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns NamePart
             */
            static fromObject(object: { [k: string]: any }): atc.v1.NamePart;

            /**
             * Creates a plain object from a NamePart message. Also converts values to other types if specified.
             * @param message NamePart
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: atc.v1.NamePart, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this NamePart to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for NamePart
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace NamePart {

            /** Properties of a NamePart. */
            interface $Properties {

                /** NamePart type */
                type?: (atc.v1.NamePartType|null);

                /** NamePart value */
                value?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a NamePart. */
            type $Shape = atc.v1.NamePart.$Properties;
        }

        /** NamePartType enum. */
        enum NamePartType {

            /** NAME_PART_TYPE_UNSPECIFIED value */
            NAME_PART_TYPE_UNSPECIFIED = 0,

            /** NAME_PART_TYPE_GIVEN value */
            NAME_PART_TYPE_GIVEN = 1,

            /** NAME_PART_TYPE_FAMILY value */
            NAME_PART_TYPE_FAMILY = 2,

            /** NAME_PART_TYPE_PATRONYMIC value */
            NAME_PART_TYPE_PATRONYMIC = 3,

            /** NAME_PART_TYPE_MIDDLE value */
            NAME_PART_TYPE_MIDDLE = 4,

            /** NAME_PART_TYPE_OTHER value */
            NAME_PART_TYPE_OTHER = 5
        }

        /**
         * Properties of a PersonName.
         * @deprecated Use atc.v1.PersonName.$Properties instead.
         */
        interface IPersonName extends atc.v1.PersonName.$Properties {
        }

        /** Represents a PersonName. */
        class PersonName {

            /**
             * Constructs a new PersonName.
             * @param [properties] Properties to set
             */
            constructor(properties?: atc.v1.PersonName.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PersonName parts. */
            parts: atc.v1.NamePart.$Properties[];

            /** PersonName script. */
            script: string;

            /** PersonName language. */
            language: string;

            /**
             * Creates a new PersonName instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PersonName instance
             */
            static create(properties: atc.v1.PersonName.$Shape): atc.v1.PersonName & atc.v1.PersonName.$Shape;
            static create(properties?: atc.v1.PersonName.$Properties): atc.v1.PersonName;

            /**
             * Encodes the specified PersonName message. Does not implicitly {@link atc.v1.PersonName.verify|verify} messages.
             * @param message PersonName message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: atc.v1.PersonName.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified PersonName message, length delimited. Does not implicitly {@link atc.v1.PersonName.verify|verify} messages.
             * @param message PersonName message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: atc.v1.PersonName.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PersonName message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {atc.v1.PersonName & atc.v1.PersonName.$Shape} PersonName
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): atc.v1.PersonName & atc.v1.PersonName.$Shape;

            /**
             * Decodes a PersonName message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {atc.v1.PersonName & atc.v1.PersonName.$Shape} PersonName
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atc.v1.PersonName & atc.v1.PersonName.$Shape;

            /**
             * Verifies a PersonName message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a PersonName message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns PersonName
             */
            static fromObject(object: { [k: string]: any }): atc.v1.PersonName;

            /**
             * Creates a plain object from a PersonName message. Also converts values to other types if specified.
             * @param message PersonName
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: atc.v1.PersonName, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this PersonName to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for PersonName
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace PersonName {

            /** Properties of a PersonName. */
            interface $Properties {

                /** PersonName parts */
                parts?: (atc.v1.NamePart.$Properties[]|null);

                /** PersonName script */
                script?: (string|null);

                /** PersonName language */
                language?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PersonName. */
            type $Shape = atc.v1.PersonName.$Properties;
        }

        /**
         * Properties of an IdentityDocument.
         * @deprecated Use atc.v1.IdentityDocument.$Properties instead.
         */
        interface IIdentityDocument extends atc.v1.IdentityDocument.$Properties {
        }

        /** Represents an IdentityDocument. */
        class IdentityDocument {

            /**
             * Constructs a new IdentityDocument.
             * @param [properties] Properties to set
             */
            constructor(properties?: atc.v1.IdentityDocument.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** IdentityDocument type. */
            type: atc.v1.DocumentType;

            /** IdentityDocument number. */
            number: string;

            /** IdentityDocument issuingCountry. */
            issuingCountry: string;

            /** IdentityDocument issuedOn. */
            issuedOn?: (atc.v1.PartialDate.$Properties|null);

            /** IdentityDocument expiresOn. */
            expiresOn?: (atc.v1.PartialDate.$Properties|null);

            /**
             * Creates a new IdentityDocument instance using the specified properties.
             * @param [properties] Properties to set
             * @returns IdentityDocument instance
             */
            static create(properties: atc.v1.IdentityDocument.$Shape): atc.v1.IdentityDocument & atc.v1.IdentityDocument.$Shape;
            static create(properties?: atc.v1.IdentityDocument.$Properties): atc.v1.IdentityDocument;

            /**
             * Encodes the specified IdentityDocument message. Does not implicitly {@link atc.v1.IdentityDocument.verify|verify} messages.
             * @param message IdentityDocument message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: atc.v1.IdentityDocument.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified IdentityDocument message, length delimited. Does not implicitly {@link atc.v1.IdentityDocument.verify|verify} messages.
             * @param message IdentityDocument message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: atc.v1.IdentityDocument.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an IdentityDocument message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {atc.v1.IdentityDocument & atc.v1.IdentityDocument.$Shape} IdentityDocument
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): atc.v1.IdentityDocument & atc.v1.IdentityDocument.$Shape;

            /**
             * Decodes an IdentityDocument message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {atc.v1.IdentityDocument & atc.v1.IdentityDocument.$Shape} IdentityDocument
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atc.v1.IdentityDocument & atc.v1.IdentityDocument.$Shape;

            /**
             * Verifies an IdentityDocument message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an IdentityDocument message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns IdentityDocument
             */
            static fromObject(object: { [k: string]: any }): atc.v1.IdentityDocument;

            /**
             * Creates a plain object from an IdentityDocument message. Also converts values to other types if specified.
             * @param message IdentityDocument
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: atc.v1.IdentityDocument, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this IdentityDocument to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for IdentityDocument
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace IdentityDocument {

            /** Properties of an IdentityDocument. */
            interface $Properties {

                /** IdentityDocument type */
                type?: (atc.v1.DocumentType|null);

                /** IdentityDocument number */
                number?: (string|null);

                /** IdentityDocument issuingCountry */
                issuingCountry?: (string|null);

                /** IdentityDocument issuedOn */
                issuedOn?: (atc.v1.PartialDate.$Properties|null);

                /** IdentityDocument expiresOn */
                expiresOn?: (atc.v1.PartialDate.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an IdentityDocument. */
            type $Shape = atc.v1.IdentityDocument.$Properties;
        }

        /** DocumentType enum. */
        enum DocumentType {

            /** DOCUMENT_TYPE_UNSPECIFIED value */
            DOCUMENT_TYPE_UNSPECIFIED = 0,

            /** DOCUMENT_TYPE_PASSPORT value */
            DOCUMENT_TYPE_PASSPORT = 1,

            /** DOCUMENT_TYPE_NATIONAL_ID value */
            DOCUMENT_TYPE_NATIONAL_ID = 2,

            /** DOCUMENT_TYPE_RESIDENCE_PERMIT value */
            DOCUMENT_TYPE_RESIDENCE_PERMIT = 3,

            /** DOCUMENT_TYPE_DRIVING_LICENCE value */
            DOCUMENT_TYPE_DRIVING_LICENCE = 4,

            /** DOCUMENT_TYPE_OTHER value */
            DOCUMENT_TYPE_OTHER = 5
        }

        /** Sex enum. */
        enum Sex {

            /** SEX_UNSPECIFIED value */
            SEX_UNSPECIFIED = 0,

            /** SEX_MALE value */
            SEX_MALE = 1,

            /** SEX_FEMALE value */
            SEX_FEMALE = 2
        }

        /** PersonCategory enum. */
        enum PersonCategory {

            /** PERSON_CATEGORY_UNSPECIFIED value */
            PERSON_CATEGORY_UNSPECIFIED = 0,

            /** PERSON_CATEGORY_SUSPECT value */
            PERSON_CATEGORY_SUSPECT = 1,

            /** PERSON_CATEGORY_WANTED value */
            PERSON_CATEGORY_WANTED = 2,

            /** PERSON_CATEGORY_CONVICTED value */
            PERSON_CATEGORY_CONVICTED = 3,

            /** PERSON_CATEGORY_FOREIGN_FIGHTER value */
            PERSON_CATEGORY_FOREIGN_FIGHTER = 4,

            /** PERSON_CATEGORY_MEMBER value */
            PERSON_CATEGORY_MEMBER = 5,

            /** PERSON_CATEGORY_ASSOCIATE value */
            PERSON_CATEGORY_ASSOCIATE = 6,

            /** PERSON_CATEGORY_AT_RISK value */
            PERSON_CATEGORY_AT_RISK = 7
        }

        /**
         * Properties of a PersonRecord.
         * @deprecated Use atc.v1.PersonRecord.$Properties instead.
         */
        interface IPersonRecord extends atc.v1.PersonRecord.$Properties {
        }

        /** Represents a PersonRecord. */
        class PersonRecord {

            /**
             * Constructs a new PersonRecord.
             * @param [properties] Properties to set
             */
            constructor(properties?: atc.v1.PersonRecord.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PersonRecord nonce. */
            nonce: Uint8Array;

            /** PersonRecord recordId. */
            recordId: string;

            /** PersonRecord version. */
            version: number;

            /** PersonRecord category. */
            category: atc.v1.PersonCategory;

            /** PersonRecord names. */
            names: atc.v1.PersonName.$Properties[];

            /** PersonRecord aliases. */
            aliases: atc.v1.PersonName.$Properties[];

            /** PersonRecord dateOfBirth. */
            dateOfBirth?: (atc.v1.PartialDate.$Properties|null);

            /** PersonRecord placeOfBirth. */
            placeOfBirth: string;

            /** PersonRecord sex. */
            sex: atc.v1.Sex;

            /** PersonRecord nationalities. */
            nationalities: string[];

            /** PersonRecord documents. */
            documents: atc.v1.IdentityDocument.$Properties[];

            /** PersonRecord legalBasis. */
            legalBasis: string;

            /** PersonRecord summary. */
            summary: string;

            /** PersonRecord related. */
            related: atc.v1.RecordRef.$Properties[];

            /**
             * Creates a new PersonRecord instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PersonRecord instance
             */
            static create(properties: atc.v1.PersonRecord.$Shape): atc.v1.PersonRecord & atc.v1.PersonRecord.$Shape;
            static create(properties?: atc.v1.PersonRecord.$Properties): atc.v1.PersonRecord;

            /**
             * Encodes the specified PersonRecord message. Does not implicitly {@link atc.v1.PersonRecord.verify|verify} messages.
             * @param message PersonRecord message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: atc.v1.PersonRecord.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified PersonRecord message, length delimited. Does not implicitly {@link atc.v1.PersonRecord.verify|verify} messages.
             * @param message PersonRecord message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: atc.v1.PersonRecord.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PersonRecord message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {atc.v1.PersonRecord & atc.v1.PersonRecord.$Shape} PersonRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): atc.v1.PersonRecord & atc.v1.PersonRecord.$Shape;

            /**
             * Decodes a PersonRecord message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {atc.v1.PersonRecord & atc.v1.PersonRecord.$Shape} PersonRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atc.v1.PersonRecord & atc.v1.PersonRecord.$Shape;

            /**
             * Verifies a PersonRecord message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a PersonRecord message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns PersonRecord
             */
            static fromObject(object: { [k: string]: any }): atc.v1.PersonRecord;

            /**
             * Creates a plain object from a PersonRecord message. Also converts values to other types if specified.
             * @param message PersonRecord
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: atc.v1.PersonRecord, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this PersonRecord to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for PersonRecord
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace PersonRecord {

            /** Properties of a PersonRecord. */
            interface $Properties {

                /** PersonRecord nonce */
                nonce?: (Uint8Array|null);

                /** PersonRecord recordId */
                recordId?: (string|null);

                /** PersonRecord version */
                version?: (number|null);

                /** PersonRecord category */
                category?: (atc.v1.PersonCategory|null);

                /** PersonRecord names */
                names?: (atc.v1.PersonName.$Properties[]|null);

                /** PersonRecord aliases */
                aliases?: (atc.v1.PersonName.$Properties[]|null);

                /** PersonRecord dateOfBirth */
                dateOfBirth?: (atc.v1.PartialDate.$Properties|null);

                /** PersonRecord placeOfBirth */
                placeOfBirth?: (string|null);

                /** PersonRecord sex */
                sex?: (atc.v1.Sex|null);

                /** PersonRecord nationalities */
                nationalities?: (string[]|null);

                /** PersonRecord documents */
                documents?: (atc.v1.IdentityDocument.$Properties[]|null);

                /** PersonRecord legalBasis */
                legalBasis?: (string|null);

                /** PersonRecord summary */
                summary?: (string|null);

                /** PersonRecord related */
                related?: (atc.v1.RecordRef.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PersonRecord. */
            type $Shape = atc.v1.PersonRecord.$Properties;
        }

        /** OrganizationCategory enum. */
        enum OrganizationCategory {

            /** ORGANIZATION_CATEGORY_UNSPECIFIED value */
            ORGANIZATION_CATEGORY_UNSPECIFIED = 0,

            /** ORGANIZATION_CATEGORY_TERRORIST value */
            ORGANIZATION_CATEGORY_TERRORIST = 1,

            /** ORGANIZATION_CATEGORY_EXTREMIST value */
            ORGANIZATION_CATEGORY_EXTREMIST = 2,

            /** ORGANIZATION_CATEGORY_AFFILIATE value */
            ORGANIZATION_CATEGORY_AFFILIATE = 3,

            /** ORGANIZATION_CATEGORY_FINANCIER value */
            ORGANIZATION_CATEGORY_FINANCIER = 4,

            /** ORGANIZATION_CATEGORY_OTHER value */
            ORGANIZATION_CATEGORY_OTHER = 5
        }

        /**
         * Properties of an OrganizationName.
         * @deprecated Use atc.v1.OrganizationName.$Properties instead.
         */
        interface IOrganizationName extends atc.v1.OrganizationName.$Properties {
        }

        /** Represents an OrganizationName. */
        class OrganizationName {

            /**
             * Constructs a new OrganizationName.
             * @param [properties] Properties to set
             */
            constructor(properties?: atc.v1.OrganizationName.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** OrganizationName value. */
            value: string;

            /** OrganizationName script. */
            script: string;

            /** OrganizationName language. */
            language: string;

            /**
             * Creates a new OrganizationName instance using the specified properties.
             * @param [properties] Properties to set
             * @returns OrganizationName instance
             */
            static create(properties: atc.v1.OrganizationName.$Shape): atc.v1.OrganizationName & atc.v1.OrganizationName.$Shape;
            static create(properties?: atc.v1.OrganizationName.$Properties): atc.v1.OrganizationName;

            /**
             * Encodes the specified OrganizationName message. Does not implicitly {@link atc.v1.OrganizationName.verify|verify} messages.
             * @param message OrganizationName message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: atc.v1.OrganizationName.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified OrganizationName message, length delimited. Does not implicitly {@link atc.v1.OrganizationName.verify|verify} messages.
             * @param message OrganizationName message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: atc.v1.OrganizationName.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an OrganizationName message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {atc.v1.OrganizationName & atc.v1.OrganizationName.$Shape} OrganizationName
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): atc.v1.OrganizationName & atc.v1.OrganizationName.$Shape;

            /**
             * Decodes an OrganizationName message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {atc.v1.OrganizationName & atc.v1.OrganizationName.$Shape} OrganizationName
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atc.v1.OrganizationName & atc.v1.OrganizationName.$Shape;

            /**
             * Verifies an OrganizationName message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an OrganizationName message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns OrganizationName
             */
            static fromObject(object: { [k: string]: any }): atc.v1.OrganizationName;

            /**
             * Creates a plain object from an OrganizationName message. Also converts values to other types if specified.
             * @param message OrganizationName
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: atc.v1.OrganizationName, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this OrganizationName to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for OrganizationName
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace OrganizationName {

            /** Properties of an OrganizationName. */
            interface $Properties {

                /** OrganizationName value */
                value?: (string|null);

                /** OrganizationName script */
                script?: (string|null);

                /** OrganizationName language */
                language?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an OrganizationName. */
            type $Shape = atc.v1.OrganizationName.$Properties;
        }

        /**
         * Properties of a Designation.
         * @deprecated Use atc.v1.Designation.$Properties instead.
         */
        interface IDesignation extends atc.v1.Designation.$Properties {
        }

        /** Represents a Designation. */
        class Designation {

            /**
             * Constructs a new Designation.
             * @param [properties] Properties to set
             */
            constructor(properties?: atc.v1.Designation.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Designation authority. */
            authority: string;

            /** Designation reference. */
            reference: string;

            /** Designation designatedOn. */
            designatedOn?: (atc.v1.PartialDate.$Properties|null);

            /** Designation country. */
            country: string;

            /**
             * Creates a new Designation instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Designation instance
             */
            static create(properties: atc.v1.Designation.$Shape): atc.v1.Designation & atc.v1.Designation.$Shape;
            static create(properties?: atc.v1.Designation.$Properties): atc.v1.Designation;

            /**
             * Encodes the specified Designation message. Does not implicitly {@link atc.v1.Designation.verify|verify} messages.
             * @param message Designation message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: atc.v1.Designation.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Designation message, length delimited. Does not implicitly {@link atc.v1.Designation.verify|verify} messages.
             * @param message Designation message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: atc.v1.Designation.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Designation message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {atc.v1.Designation & atc.v1.Designation.$Shape} Designation
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): atc.v1.Designation & atc.v1.Designation.$Shape;

            /**
             * Decodes a Designation message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {atc.v1.Designation & atc.v1.Designation.$Shape} Designation
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atc.v1.Designation & atc.v1.Designation.$Shape;

            /**
             * Verifies a Designation message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a Designation message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Designation
             */
            static fromObject(object: { [k: string]: any }): atc.v1.Designation;

            /**
             * Creates a plain object from a Designation message. Also converts values to other types if specified.
             * @param message Designation
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: atc.v1.Designation, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Designation to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Designation
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Designation {

            /** Properties of a Designation. */
            interface $Properties {

                /** Designation authority */
                authority?: (string|null);

                /** Designation reference */
                reference?: (string|null);

                /** Designation designatedOn */
                designatedOn?: (atc.v1.PartialDate.$Properties|null);

                /** Designation country */
                country?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Designation. */
            type $Shape = atc.v1.Designation.$Properties;
        }

        /**
         * Properties of an OrganizationRecord.
         * @deprecated Use atc.v1.OrganizationRecord.$Properties instead.
         */
        interface IOrganizationRecord extends atc.v1.OrganizationRecord.$Properties {
        }

        /** Represents an OrganizationRecord. */
        class OrganizationRecord {

            /**
             * Constructs a new OrganizationRecord.
             * @param [properties] Properties to set
             */
            constructor(properties?: atc.v1.OrganizationRecord.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** OrganizationRecord nonce. */
            nonce: Uint8Array;

            /** OrganizationRecord recordId. */
            recordId: string;

            /** OrganizationRecord version. */
            version: number;

            /** OrganizationRecord category. */
            category: atc.v1.OrganizationCategory;

            /** OrganizationRecord names. */
            names: atc.v1.OrganizationName.$Properties[];

            /** OrganizationRecord aliases. */
            aliases: atc.v1.OrganizationName.$Properties[];

            /** OrganizationRecord countries. */
            countries: string[];

            /** OrganizationRecord designations. */
            designations: atc.v1.Designation.$Properties[];

            /** OrganizationRecord legalBasis. */
            legalBasis: string;

            /** OrganizationRecord summary. */
            summary: string;

            /** OrganizationRecord related. */
            related: atc.v1.RecordRef.$Properties[];

            /**
             * Creates a new OrganizationRecord instance using the specified properties.
             * @param [properties] Properties to set
             * @returns OrganizationRecord instance
             */
            static create(properties: atc.v1.OrganizationRecord.$Shape): atc.v1.OrganizationRecord & atc.v1.OrganizationRecord.$Shape;
            static create(properties?: atc.v1.OrganizationRecord.$Properties): atc.v1.OrganizationRecord;

            /**
             * Encodes the specified OrganizationRecord message. Does not implicitly {@link atc.v1.OrganizationRecord.verify|verify} messages.
             * @param message OrganizationRecord message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: atc.v1.OrganizationRecord.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified OrganizationRecord message, length delimited. Does not implicitly {@link atc.v1.OrganizationRecord.verify|verify} messages.
             * @param message OrganizationRecord message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: atc.v1.OrganizationRecord.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an OrganizationRecord message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {atc.v1.OrganizationRecord & atc.v1.OrganizationRecord.$Shape} OrganizationRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): atc.v1.OrganizationRecord & atc.v1.OrganizationRecord.$Shape;

            /**
             * Decodes an OrganizationRecord message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {atc.v1.OrganizationRecord & atc.v1.OrganizationRecord.$Shape} OrganizationRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atc.v1.OrganizationRecord & atc.v1.OrganizationRecord.$Shape;

            /**
             * Verifies an OrganizationRecord message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an OrganizationRecord message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns OrganizationRecord
             */
            static fromObject(object: { [k: string]: any }): atc.v1.OrganizationRecord;

            /**
             * Creates a plain object from an OrganizationRecord message. Also converts values to other types if specified.
             * @param message OrganizationRecord
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: atc.v1.OrganizationRecord, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this OrganizationRecord to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for OrganizationRecord
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace OrganizationRecord {

            /** Properties of an OrganizationRecord. */
            interface $Properties {

                /** OrganizationRecord nonce */
                nonce?: (Uint8Array|null);

                /** OrganizationRecord recordId */
                recordId?: (string|null);

                /** OrganizationRecord version */
                version?: (number|null);

                /** OrganizationRecord category */
                category?: (atc.v1.OrganizationCategory|null);

                /** OrganizationRecord names */
                names?: (atc.v1.OrganizationName.$Properties[]|null);

                /** OrganizationRecord aliases */
                aliases?: (atc.v1.OrganizationName.$Properties[]|null);

                /** OrganizationRecord countries */
                countries?: (string[]|null);

                /** OrganizationRecord designations */
                designations?: (atc.v1.Designation.$Properties[]|null);

                /** OrganizationRecord legalBasis */
                legalBasis?: (string|null);

                /** OrganizationRecord summary */
                summary?: (string|null);

                /** OrganizationRecord related */
                related?: (atc.v1.RecordRef.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an OrganizationRecord. */
            type $Shape = atc.v1.OrganizationRecord.$Properties;
        }

        /** IncidentCategory enum. */
        enum IncidentCategory {

            /** INCIDENT_CATEGORY_UNSPECIFIED value */
            INCIDENT_CATEGORY_UNSPECIFIED = 0,

            /** INCIDENT_CATEGORY_ATTACK value */
            INCIDENT_CATEGORY_ATTACK = 1,

            /** INCIDENT_CATEGORY_ATTEMPT value */
            INCIDENT_CATEGORY_ATTEMPT = 2,

            /** INCIDENT_CATEGORY_PLOT_DISRUPTED value */
            INCIDENT_CATEGORY_PLOT_DISRUPTED = 3,

            /** INCIDENT_CATEGORY_THREAT value */
            INCIDENT_CATEGORY_THREAT = 4,

            /** INCIDENT_CATEGORY_FINANCING value */
            INCIDENT_CATEGORY_FINANCING = 5,

            /** INCIDENT_CATEGORY_RECRUITMENT value */
            INCIDENT_CATEGORY_RECRUITMENT = 6,

            /** INCIDENT_CATEGORY_BORDER_CROSSING value */
            INCIDENT_CATEGORY_BORDER_CROSSING = 7,

            /** INCIDENT_CATEGORY_OTHER value */
            INCIDENT_CATEGORY_OTHER = 8
        }

        /**
         * Properties of an IncidentReport.
         * @deprecated Use atc.v1.IncidentReport.$Properties instead.
         */
        interface IIncidentReport extends atc.v1.IncidentReport.$Properties {
        }

        /** Represents an IncidentReport. */
        class IncidentReport {

            /**
             * Constructs a new IncidentReport.
             * @param [properties] Properties to set
             */
            constructor(properties?: atc.v1.IncidentReport.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** IncidentReport nonce. */
            nonce: Uint8Array;

            /** IncidentReport recordId. */
            recordId: string;

            /** IncidentReport version. */
            version: number;

            /** IncidentReport category. */
            category: atc.v1.IncidentCategory;

            /** IncidentReport occurredAt. */
            occurredAt?: (google.protobuf.Timestamp.$Properties|null);

            /** IncidentReport country. */
            country: string;

            /** IncidentReport location. */
            location: string;

            /** IncidentReport title. */
            title: string;

            /** IncidentReport summary. */
            summary: string;

            /** IncidentReport killed. */
            killed: number;

            /** IncidentReport injured. */
            injured: number;

            /** IncidentReport related. */
            related: atc.v1.RecordRef.$Properties[];

            /** IncidentReport legalBasis. */
            legalBasis: string;

            /**
             * Creates a new IncidentReport instance using the specified properties.
             * @param [properties] Properties to set
             * @returns IncidentReport instance
             */
            static create(properties: atc.v1.IncidentReport.$Shape): atc.v1.IncidentReport & atc.v1.IncidentReport.$Shape;
            static create(properties?: atc.v1.IncidentReport.$Properties): atc.v1.IncidentReport;

            /**
             * Encodes the specified IncidentReport message. Does not implicitly {@link atc.v1.IncidentReport.verify|verify} messages.
             * @param message IncidentReport message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: atc.v1.IncidentReport.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified IncidentReport message, length delimited. Does not implicitly {@link atc.v1.IncidentReport.verify|verify} messages.
             * @param message IncidentReport message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: atc.v1.IncidentReport.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an IncidentReport message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {atc.v1.IncidentReport & atc.v1.IncidentReport.$Shape} IncidentReport
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): atc.v1.IncidentReport & atc.v1.IncidentReport.$Shape;

            /**
             * Decodes an IncidentReport message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {atc.v1.IncidentReport & atc.v1.IncidentReport.$Shape} IncidentReport
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atc.v1.IncidentReport & atc.v1.IncidentReport.$Shape;

            /**
             * Verifies an IncidentReport message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an IncidentReport message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns IncidentReport
             */
            static fromObject(object: { [k: string]: any }): atc.v1.IncidentReport;

            /**
             * Creates a plain object from an IncidentReport message. Also converts values to other types if specified.
             * @param message IncidentReport
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: atc.v1.IncidentReport, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this IncidentReport to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for IncidentReport
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace IncidentReport {

            /** Properties of an IncidentReport. */
            interface $Properties {

                /** IncidentReport nonce */
                nonce?: (Uint8Array|null);

                /** IncidentReport recordId */
                recordId?: (string|null);

                /** IncidentReport version */
                version?: (number|null);

                /** IncidentReport category */
                category?: (atc.v1.IncidentCategory|null);

                /** IncidentReport occurredAt */
                occurredAt?: (google.protobuf.Timestamp.$Properties|null);

                /** IncidentReport country */
                country?: (string|null);

                /** IncidentReport location */
                location?: (string|null);

                /** IncidentReport title */
                title?: (string|null);

                /** IncidentReport summary */
                summary?: (string|null);

                /** IncidentReport killed */
                killed?: (number|null);

                /** IncidentReport injured */
                injured?: (number|null);

                /** IncidentReport related */
                related?: (atc.v1.RecordRef.$Properties[]|null);

                /** IncidentReport legalBasis */
                legalBasis?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an IncidentReport. */
            type $Shape = atc.v1.IncidentReport.$Properties;
        }

        /**
         * Properties of an InformationRequest.
         * @deprecated Use atc.v1.InformationRequest.$Properties instead.
         */
        interface IInformationRequest extends atc.v1.InformationRequest.$Properties {
        }

        /** Represents an InformationRequest. */
        class InformationRequest {

            /**
             * Constructs a new InformationRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: atc.v1.InformationRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** InformationRequest nonce. */
            nonce: Uint8Array;

            /** InformationRequest recordId. */
            recordId: string;

            /** InformationRequest version. */
            version: number;

            /** InformationRequest subject. */
            subject: string;

            /** InformationRequest questions. */
            questions: string[];

            /** InformationRequest about. */
            about: atc.v1.RecordRef.$Properties[];

            /**
             * Creates a new InformationRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns InformationRequest instance
             */
            static create(properties: atc.v1.InformationRequest.$Shape): atc.v1.InformationRequest & atc.v1.InformationRequest.$Shape;
            static create(properties?: atc.v1.InformationRequest.$Properties): atc.v1.InformationRequest;

            /**
             * Encodes the specified InformationRequest message. Does not implicitly {@link atc.v1.InformationRequest.verify|verify} messages.
             * @param message InformationRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: atc.v1.InformationRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified InformationRequest message, length delimited. Does not implicitly {@link atc.v1.InformationRequest.verify|verify} messages.
             * @param message InformationRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: atc.v1.InformationRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an InformationRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {atc.v1.InformationRequest & atc.v1.InformationRequest.$Shape} InformationRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): atc.v1.InformationRequest & atc.v1.InformationRequest.$Shape;

            /**
             * Decodes an InformationRequest message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {atc.v1.InformationRequest & atc.v1.InformationRequest.$Shape} InformationRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atc.v1.InformationRequest & atc.v1.InformationRequest.$Shape;

            /**
             * Verifies an InformationRequest message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an InformationRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns InformationRequest
             */
            static fromObject(object: { [k: string]: any }): atc.v1.InformationRequest;

            /**
             * Creates a plain object from an InformationRequest message. Also converts values to other types if specified.
             * @param message InformationRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: atc.v1.InformationRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this InformationRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for InformationRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace InformationRequest {

            /** Properties of an InformationRequest. */
            interface $Properties {

                /** InformationRequest nonce */
                nonce?: (Uint8Array|null);

                /** InformationRequest recordId */
                recordId?: (string|null);

                /** InformationRequest version */
                version?: (number|null);

                /** InformationRequest subject */
                subject?: (string|null);

                /** InformationRequest questions */
                questions?: (string[]|null);

                /** InformationRequest about */
                about?: (atc.v1.RecordRef.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an InformationRequest. */
            type $Shape = atc.v1.InformationRequest.$Properties;
        }

        /** ResponseOutcome enum. */
        enum ResponseOutcome {

            /** RESPONSE_OUTCOME_UNSPECIFIED value */
            RESPONSE_OUTCOME_UNSPECIFIED = 0,

            /** RESPONSE_OUTCOME_ANSWERED value */
            RESPONSE_OUTCOME_ANSWERED = 1,

            /** RESPONSE_OUTCOME_PARTIAL value */
            RESPONSE_OUTCOME_PARTIAL = 2,

            /** RESPONSE_OUTCOME_NO_INFORMATION value */
            RESPONSE_OUTCOME_NO_INFORMATION = 3,

            /** RESPONSE_OUTCOME_DECLINED value */
            RESPONSE_OUTCOME_DECLINED = 4
        }

        /**
         * Properties of an InformationResponse.
         * @deprecated Use atc.v1.InformationResponse.$Properties instead.
         */
        interface IInformationResponse extends atc.v1.InformationResponse.$Properties {
        }

        /** Represents an InformationResponse. */
        class InformationResponse {

            /**
             * Constructs a new InformationResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: atc.v1.InformationResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** InformationResponse nonce. */
            nonce: Uint8Array;

            /** InformationResponse recordId. */
            recordId: string;

            /** InformationResponse version. */
            version: number;

            /** InformationResponse outcome. */
            outcome: atc.v1.ResponseOutcome;

            /** InformationResponse answers. */
            answers: string[];

            /** InformationResponse related. */
            related: atc.v1.RecordRef.$Properties[];

            /**
             * Creates a new InformationResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns InformationResponse instance
             */
            static create(properties: atc.v1.InformationResponse.$Shape): atc.v1.InformationResponse & atc.v1.InformationResponse.$Shape;
            static create(properties?: atc.v1.InformationResponse.$Properties): atc.v1.InformationResponse;

            /**
             * Encodes the specified InformationResponse message. Does not implicitly {@link atc.v1.InformationResponse.verify|verify} messages.
             * @param message InformationResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: atc.v1.InformationResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified InformationResponse message, length delimited. Does not implicitly {@link atc.v1.InformationResponse.verify|verify} messages.
             * @param message InformationResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: atc.v1.InformationResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an InformationResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {atc.v1.InformationResponse & atc.v1.InformationResponse.$Shape} InformationResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): atc.v1.InformationResponse & atc.v1.InformationResponse.$Shape;

            /**
             * Decodes an InformationResponse message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {atc.v1.InformationResponse & atc.v1.InformationResponse.$Shape} InformationResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atc.v1.InformationResponse & atc.v1.InformationResponse.$Shape;

            /**
             * Verifies an InformationResponse message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an InformationResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns InformationResponse
             */
            static fromObject(object: { [k: string]: any }): atc.v1.InformationResponse;

            /**
             * Creates a plain object from an InformationResponse message. Also converts values to other types if specified.
             * @param message InformationResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: atc.v1.InformationResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this InformationResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for InformationResponse
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace InformationResponse {

            /** Properties of an InformationResponse. */
            interface $Properties {

                /** InformationResponse nonce */
                nonce?: (Uint8Array|null);

                /** InformationResponse recordId */
                recordId?: (string|null);

                /** InformationResponse version */
                version?: (number|null);

                /** InformationResponse outcome */
                outcome?: (atc.v1.ResponseOutcome|null);

                /** InformationResponse answers */
                answers?: (string[]|null);

                /** InformationResponse related */
                related?: (atc.v1.RecordRef.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an InformationResponse. */
            type $Shape = atc.v1.InformationResponse.$Properties;
        }

        /** WithdrawalReason enum. */
        enum WithdrawalReason {

            /** WITHDRAWAL_REASON_UNSPECIFIED value */
            WITHDRAWAL_REASON_UNSPECIFIED = 0,

            /** WITHDRAWAL_REASON_INACCURATE value */
            WITHDRAWAL_REASON_INACCURATE = 1,

            /** WITHDRAWAL_REASON_LEGAL_BASIS_LAPSED value */
            WITHDRAWAL_REASON_LEGAL_BASIS_LAPSED = 2,

            /** WITHDRAWAL_REASON_ORDERED value */
            WITHDRAWAL_REASON_ORDERED = 3,

            /** WITHDRAWAL_REASON_DUPLICATE value */
            WITHDRAWAL_REASON_DUPLICATE = 4,

            /** WITHDRAWAL_REASON_OTHER value */
            WITHDRAWAL_REASON_OTHER = 5
        }

        /**
         * Properties of a RecordWithdrawal.
         * @deprecated Use atc.v1.RecordWithdrawal.$Properties instead.
         */
        interface IRecordWithdrawal extends atc.v1.RecordWithdrawal.$Properties {
        }

        /** Represents a RecordWithdrawal. */
        class RecordWithdrawal {

            /**
             * Constructs a new RecordWithdrawal.
             * @param [properties] Properties to set
             */
            constructor(properties?: atc.v1.RecordWithdrawal.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** RecordWithdrawal nonce. */
            nonce: Uint8Array;

            /** RecordWithdrawal recordId. */
            recordId: string;

            /** RecordWithdrawal version. */
            version: number;

            /** RecordWithdrawal target. */
            target?: (atc.v1.RecordRef.$Properties|null);

            /** RecordWithdrawal reason. */
            reason: atc.v1.WithdrawalReason;

            /** RecordWithdrawal explanation. */
            explanation: string;

            /**
             * Creates a new RecordWithdrawal instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RecordWithdrawal instance
             */
            static create(properties: atc.v1.RecordWithdrawal.$Shape): atc.v1.RecordWithdrawal & atc.v1.RecordWithdrawal.$Shape;
            static create(properties?: atc.v1.RecordWithdrawal.$Properties): atc.v1.RecordWithdrawal;

            /**
             * Encodes the specified RecordWithdrawal message. Does not implicitly {@link atc.v1.RecordWithdrawal.verify|verify} messages.
             * @param message RecordWithdrawal message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: atc.v1.RecordWithdrawal.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified RecordWithdrawal message, length delimited. Does not implicitly {@link atc.v1.RecordWithdrawal.verify|verify} messages.
             * @param message RecordWithdrawal message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: atc.v1.RecordWithdrawal.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RecordWithdrawal message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {atc.v1.RecordWithdrawal & atc.v1.RecordWithdrawal.$Shape} RecordWithdrawal
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): atc.v1.RecordWithdrawal & atc.v1.RecordWithdrawal.$Shape;

            /**
             * Decodes a RecordWithdrawal message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {atc.v1.RecordWithdrawal & atc.v1.RecordWithdrawal.$Shape} RecordWithdrawal
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atc.v1.RecordWithdrawal & atc.v1.RecordWithdrawal.$Shape;

            /**
             * Verifies a RecordWithdrawal message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a RecordWithdrawal message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns RecordWithdrawal
             */
            static fromObject(object: { [k: string]: any }): atc.v1.RecordWithdrawal;

            /**
             * Creates a plain object from a RecordWithdrawal message. Also converts values to other types if specified.
             * @param message RecordWithdrawal
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: atc.v1.RecordWithdrawal, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RecordWithdrawal to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for RecordWithdrawal
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace RecordWithdrawal {

            /** Properties of a RecordWithdrawal. */
            interface $Properties {

                /** RecordWithdrawal nonce */
                nonce?: (Uint8Array|null);

                /** RecordWithdrawal recordId */
                recordId?: (string|null);

                /** RecordWithdrawal version */
                version?: (number|null);

                /** RecordWithdrawal target */
                target?: (atc.v1.RecordRef.$Properties|null);

                /** RecordWithdrawal reason */
                reason?: (atc.v1.WithdrawalReason|null);

                /** RecordWithdrawal explanation */
                explanation?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RecordWithdrawal. */
            type $Shape = atc.v1.RecordWithdrawal.$Properties;
        }

        /** NoticeCategory enum. */
        enum NoticeCategory {

            /** NOTICE_CATEGORY_UNSPECIFIED value */
            NOTICE_CATEGORY_UNSPECIFIED = 0,

            /** NOTICE_CATEGORY_GENERAL value */
            NOTICE_CATEGORY_GENERAL = 1,

            /** NOTICE_CATEGORY_ALERT value */
            NOTICE_CATEGORY_ALERT = 2,

            /** NOTICE_CATEGORY_SERVICE value */
            NOTICE_CATEGORY_SERVICE = 3
        }

        /**
         * Properties of a Notice.
         * @deprecated Use atc.v1.Notice.$Properties instead.
         */
        interface INotice extends atc.v1.Notice.$Properties {
        }

        /** Represents a Notice. */
        class Notice {

            /**
             * Constructs a new Notice.
             * @param [properties] Properties to set
             */
            constructor(properties?: atc.v1.Notice.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Notice nonce. */
            nonce: Uint8Array;

            /** Notice recordId. */
            recordId: string;

            /** Notice version. */
            version: number;

            /** Notice category. */
            category: atc.v1.NoticeCategory;

            /** Notice title. */
            title: string;

            /** Notice body. */
            body: string;

            /** Notice validUntil. */
            validUntil?: (google.protobuf.Timestamp.$Properties|null);

            /**
             * Creates a new Notice instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Notice instance
             */
            static create(properties: atc.v1.Notice.$Shape): atc.v1.Notice & atc.v1.Notice.$Shape;
            static create(properties?: atc.v1.Notice.$Properties): atc.v1.Notice;

            /**
             * Encodes the specified Notice message. Does not implicitly {@link atc.v1.Notice.verify|verify} messages.
             * @param message Notice message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: atc.v1.Notice.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Notice message, length delimited. Does not implicitly {@link atc.v1.Notice.verify|verify} messages.
             * @param message Notice message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: atc.v1.Notice.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Notice message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {atc.v1.Notice & atc.v1.Notice.$Shape} Notice
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): atc.v1.Notice & atc.v1.Notice.$Shape;

            /**
             * Decodes a Notice message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {atc.v1.Notice & atc.v1.Notice.$Shape} Notice
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atc.v1.Notice & atc.v1.Notice.$Shape;

            /**
             * Verifies a Notice message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a Notice message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Notice
             */
            static fromObject(object: { [k: string]: any }): atc.v1.Notice;

            /**
             * Creates a plain object from a Notice message. Also converts values to other types if specified.
             * @param message Notice
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: atc.v1.Notice, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Notice to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Notice
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Notice {

            /** Properties of a Notice. */
            interface $Properties {

                /** Notice nonce */
                nonce?: (Uint8Array|null);

                /** Notice recordId */
                recordId?: (string|null);

                /** Notice version */
                version?: (number|null);

                /** Notice category */
                category?: (atc.v1.NoticeCategory|null);

                /** Notice title */
                title?: (string|null);

                /** Notice body */
                body?: (string|null);

                /** Notice validUntil */
                validUntil?: (google.protobuf.Timestamp.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Notice. */
            type $Shape = atc.v1.Notice.$Properties;
        }

        /**
         * Properties of a DataBankQuery.
         * @deprecated Use atc.v1.DataBankQuery.$Properties instead.
         */
        interface IDataBankQuery extends atc.v1.DataBankQuery.$Properties {
        }

        /** Represents a DataBankQuery. */
        class DataBankQuery {

            /**
             * Constructs a new DataBankQuery.
             * @param [properties] Properties to set
             */
            constructor(properties?: atc.v1.DataBankQuery.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** DataBankQuery nonce. */
            nonce: Uint8Array;

            /** DataBankQuery names. */
            names: atc.v1.PersonName.$Properties[];

            /** DataBankQuery dateOfBirth. */
            dateOfBirth?: (atc.v1.PartialDate.$Properties|null);

            /** DataBankQuery sex. */
            sex: atc.v1.Sex;

            /** DataBankQuery nationalities. */
            nationalities: string[];

            /** DataBankQuery documents. */
            documents: atc.v1.IdentityDocument.$Properties[];

            /** DataBankQuery limit. */
            limit: number;

            /**
             * Creates a new DataBankQuery instance using the specified properties.
             * @param [properties] Properties to set
             * @returns DataBankQuery instance
             */
            static create(properties: atc.v1.DataBankQuery.$Shape): atc.v1.DataBankQuery & atc.v1.DataBankQuery.$Shape;
            static create(properties?: atc.v1.DataBankQuery.$Properties): atc.v1.DataBankQuery;

            /**
             * Encodes the specified DataBankQuery message. Does not implicitly {@link atc.v1.DataBankQuery.verify|verify} messages.
             * @param message DataBankQuery message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: atc.v1.DataBankQuery.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified DataBankQuery message, length delimited. Does not implicitly {@link atc.v1.DataBankQuery.verify|verify} messages.
             * @param message DataBankQuery message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: atc.v1.DataBankQuery.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a DataBankQuery message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {atc.v1.DataBankQuery & atc.v1.DataBankQuery.$Shape} DataBankQuery
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): atc.v1.DataBankQuery & atc.v1.DataBankQuery.$Shape;

            /**
             * Decodes a DataBankQuery message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {atc.v1.DataBankQuery & atc.v1.DataBankQuery.$Shape} DataBankQuery
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atc.v1.DataBankQuery & atc.v1.DataBankQuery.$Shape;

            /**
             * Verifies a DataBankQuery message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a DataBankQuery message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns DataBankQuery
             */
            static fromObject(object: { [k: string]: any }): atc.v1.DataBankQuery;

            /**
             * Creates a plain object from a DataBankQuery message. Also converts values to other types if specified.
             * @param message DataBankQuery
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: atc.v1.DataBankQuery, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this DataBankQuery to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for DataBankQuery
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace DataBankQuery {

            /** Properties of a DataBankQuery. */
            interface $Properties {

                /** DataBankQuery nonce */
                nonce?: (Uint8Array|null);

                /** DataBankQuery names */
                names?: (atc.v1.PersonName.$Properties[]|null);

                /** DataBankQuery dateOfBirth */
                dateOfBirth?: (atc.v1.PartialDate.$Properties|null);

                /** DataBankQuery sex */
                sex?: (atc.v1.Sex|null);

                /** DataBankQuery nationalities */
                nationalities?: (string[]|null);

                /** DataBankQuery documents */
                documents?: (atc.v1.IdentityDocument.$Properties[]|null);

                /** DataBankQuery limit */
                limit?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a DataBankQuery. */
            type $Shape = atc.v1.DataBankQuery.$Properties;
        }

        /**
         * Properties of a DataBankHit.
         * @deprecated Use atc.v1.DataBankHit.$Properties instead.
         */
        interface IDataBankHit extends atc.v1.DataBankHit.$Properties {
        }

        /** Represents a DataBankHit. */
        class DataBankHit {

            /**
             * Constructs a new DataBankHit.
             * @param [properties] Properties to set
             */
            constructor(properties?: atc.v1.DataBankHit.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** DataBankHit record. */
            record?: (atc.v1.RecordRef.$Properties|null);

            /** DataBankHit score. */
            score: number;

            /** DataBankHit reasons. */
            reasons: string[];

            /** DataBankHit restricted. */
            restricted: boolean;

            /** DataBankHit envelope. */
            envelope: Uint8Array;

            /** DataBankHit subjectId. */
            subjectId: string;

            /**
             * Creates a new DataBankHit instance using the specified properties.
             * @param [properties] Properties to set
             * @returns DataBankHit instance
             */
            static create(properties: atc.v1.DataBankHit.$Shape): atc.v1.DataBankHit & atc.v1.DataBankHit.$Shape;
            static create(properties?: atc.v1.DataBankHit.$Properties): atc.v1.DataBankHit;

            /**
             * Encodes the specified DataBankHit message. Does not implicitly {@link atc.v1.DataBankHit.verify|verify} messages.
             * @param message DataBankHit message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: atc.v1.DataBankHit.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified DataBankHit message, length delimited. Does not implicitly {@link atc.v1.DataBankHit.verify|verify} messages.
             * @param message DataBankHit message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: atc.v1.DataBankHit.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a DataBankHit message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {atc.v1.DataBankHit & atc.v1.DataBankHit.$Shape} DataBankHit
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): atc.v1.DataBankHit & atc.v1.DataBankHit.$Shape;

            /**
             * Decodes a DataBankHit message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {atc.v1.DataBankHit & atc.v1.DataBankHit.$Shape} DataBankHit
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atc.v1.DataBankHit & atc.v1.DataBankHit.$Shape;

            /**
             * Verifies a DataBankHit message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a DataBankHit message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns DataBankHit
             */
            static fromObject(object: { [k: string]: any }): atc.v1.DataBankHit;

            /**
             * Creates a plain object from a DataBankHit message. Also converts values to other types if specified.
             * @param message DataBankHit
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: atc.v1.DataBankHit, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this DataBankHit to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for DataBankHit
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace DataBankHit {

            /** Properties of a DataBankHit. */
            interface $Properties {

                /** DataBankHit record */
                record?: (atc.v1.RecordRef.$Properties|null);

                /** DataBankHit score */
                score?: (number|null);

                /** DataBankHit reasons */
                reasons?: (string[]|null);

                /** DataBankHit restricted */
                restricted?: (boolean|null);

                /** DataBankHit envelope */
                envelope?: (Uint8Array|null);

                /** DataBankHit subjectId */
                subjectId?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a DataBankHit. */
            type $Shape = atc.v1.DataBankHit.$Properties;
        }

        /**
         * Properties of a DataBankResult.
         * @deprecated Use atc.v1.DataBankResult.$Properties instead.
         */
        interface IDataBankResult extends atc.v1.DataBankResult.$Properties {
        }

        /** Represents a DataBankResult. */
        class DataBankResult {

            /**
             * Constructs a new DataBankResult.
             * @param [properties] Properties to set
             */
            constructor(properties?: atc.v1.DataBankResult.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** DataBankResult nonce. */
            nonce: Uint8Array;

            /** DataBankResult queryMessageId. */
            queryMessageId: string;

            /** DataBankResult hits. */
            hits: atc.v1.DataBankHit.$Properties[];

            /** DataBankResult truncated. */
            truncated: boolean;

            /** DataBankResult refusalCode. */
            refusalCode: string;

            /** DataBankResult refusalDetail. */
            refusalDetail: string;

            /** DataBankResult retryAfterSeconds. */
            retryAfterSeconds: number;

            /**
             * Creates a new DataBankResult instance using the specified properties.
             * @param [properties] Properties to set
             * @returns DataBankResult instance
             */
            static create(properties: atc.v1.DataBankResult.$Shape): atc.v1.DataBankResult & atc.v1.DataBankResult.$Shape;
            static create(properties?: atc.v1.DataBankResult.$Properties): atc.v1.DataBankResult;

            /**
             * Encodes the specified DataBankResult message. Does not implicitly {@link atc.v1.DataBankResult.verify|verify} messages.
             * @param message DataBankResult message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: atc.v1.DataBankResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified DataBankResult message, length delimited. Does not implicitly {@link atc.v1.DataBankResult.verify|verify} messages.
             * @param message DataBankResult message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: atc.v1.DataBankResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a DataBankResult message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {atc.v1.DataBankResult & atc.v1.DataBankResult.$Shape} DataBankResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): atc.v1.DataBankResult & atc.v1.DataBankResult.$Shape;

            /**
             * Decodes a DataBankResult message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {atc.v1.DataBankResult & atc.v1.DataBankResult.$Shape} DataBankResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atc.v1.DataBankResult & atc.v1.DataBankResult.$Shape;

            /**
             * Verifies a DataBankResult message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a DataBankResult message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns DataBankResult
             */
            static fromObject(object: { [k: string]: any }): atc.v1.DataBankResult;

            /**
             * Creates a plain object from a DataBankResult message. Also converts values to other types if specified.
             * @param message DataBankResult
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: atc.v1.DataBankResult, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this DataBankResult to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for DataBankResult
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace DataBankResult {

            /** Properties of a DataBankResult. */
            interface $Properties {

                /** DataBankResult nonce */
                nonce?: (Uint8Array|null);

                /** DataBankResult queryMessageId */
                queryMessageId?: (string|null);

                /** DataBankResult hits */
                hits?: (atc.v1.DataBankHit.$Properties[]|null);

                /** DataBankResult truncated */
                truncated?: (boolean|null);

                /** DataBankResult refusalCode */
                refusalCode?: (string|null);

                /** DataBankResult refusalDetail */
                refusalDetail?: (string|null);

                /** DataBankResult retryAfterSeconds */
                retryAfterSeconds?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a DataBankResult. */
            type $Shape = atc.v1.DataBankResult.$Properties;
        }
    }
}

/** Namespace google. */
export namespace google {

    /** Namespace protobuf. */
    namespace protobuf {

        /**
         * Properties of a Timestamp.
         * @deprecated Use google.protobuf.Timestamp.$Properties instead.
         */
        interface ITimestamp extends google.protobuf.Timestamp.$Properties {
        }

        /** Represents a Timestamp. */
        class Timestamp {

            /**
             * Constructs a new Timestamp.
             * @param [properties] Properties to set
             */
            constructor(properties?: google.protobuf.Timestamp.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Timestamp seconds. */
            seconds: number;

            /** Timestamp nanos. */
            nanos: number;

            /**
             * Creates a new Timestamp instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Timestamp instance
             */
            static create(properties: google.protobuf.Timestamp.$Shape): google.protobuf.Timestamp & google.protobuf.Timestamp.$Shape;
            static create(properties?: google.protobuf.Timestamp.$Properties): google.protobuf.Timestamp;

            /**
             * Encodes the specified Timestamp message. Does not implicitly {@link google.protobuf.Timestamp.verify|verify} messages.
             * @param message Timestamp message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: google.protobuf.Timestamp.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Timestamp message, length delimited. Does not implicitly {@link google.protobuf.Timestamp.verify|verify} messages.
             * @param message Timestamp message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: google.protobuf.Timestamp.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Timestamp message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {google.protobuf.Timestamp & google.protobuf.Timestamp.$Shape} Timestamp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): google.protobuf.Timestamp & google.protobuf.Timestamp.$Shape;

            /**
             * Decodes a Timestamp message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {google.protobuf.Timestamp & google.protobuf.Timestamp.$Shape} Timestamp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): google.protobuf.Timestamp & google.protobuf.Timestamp.$Shape;

            /**
             * Verifies a Timestamp message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a Timestamp message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Timestamp
             */
            static fromObject(object: { [k: string]: any }): google.protobuf.Timestamp;

            /**
             * Creates a plain object from a Timestamp message. Also converts values to other types if specified.
             * @param message Timestamp
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: google.protobuf.Timestamp, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Timestamp to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Timestamp
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Timestamp {

            /** Properties of a Timestamp. */
            interface $Properties {

                /** Timestamp seconds */
                seconds?: (number|null);

                /** Timestamp nanos */
                nanos?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Timestamp. */
            type $Shape = google.protobuf.Timestamp.$Properties;
        }
    }
}
