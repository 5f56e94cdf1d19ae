/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/light.js";

const $root = ($protobuf.roots["atc_descriptor"] || ($protobuf.roots["atc_descriptor"] = new $protobuf.Root()))
.addJSON({
  "atc": {
    "nested": {
      "v1": {
        "nested": {
          "DeliveryAck": {
            "fields": {
              "nonce": {
                "type": "bytes",
                "id": 1
              },
              "messageId": {
                "type": "string",
                "id": 2,
                "protoName": "message_id"
              },
              "deliveredAt": {
                "type": "google.protobuf.Timestamp",
                "id": 3,
                "protoName": "delivered_at"
              },
              "channel": {
                "type": "DeliveryChannel",
                "id": 4
              }
            }
          },
          "PurgeAck": {
            "fields": {
              "nonce": {
                "type": "bytes",
                "id": 1
              },
              "withdrawalMessageId": {
                "type": "string",
                "id": 2,
                "protoName": "withdrawal_message_id"
              },
              "originator": {
                "type": "string",
                "id": 3
              },
              "recordId": {
                "type": "string",
                "id": 4,
                "protoName": "record_id"
              },
              "versions": {
                "rule": "repeated",
                "type": "uint32",
                "id": 5
              },
              "erasedAt": {
                "type": "google.protobuf.Timestamp",
                "id": 6,
                "protoName": "erased_at"
              },
              "count": {
                "type": "uint32",
                "id": 7
              }
            }
          },
          "DeliveryChannel": {
            "values": {
              "DELIVERY_CHANNEL_UNSPECIFIED": 0,
              "DELIVERY_CHANNEL_WEBHOOK": 1,
              "DELIVERY_CHANNEL_API": 2
            }
          },
          "ReceiptStatus": {
            "values": {
              "RECEIPT_STATUS_UNSPECIFIED": 0,
              "RECEIPT_STATUS_ACCEPTED": 1,
              "RECEIPT_STATUS_REJECTED": 2,
              "RECEIPT_STATUS_DELIVERED": 3
            }
          },
          "ReasonCode": {
            "values": {
              "REASON_CODE_UNSPECIFIED": 0,
              "REASON_CODE_ENVELOPE_TOO_LARGE": 1,
              "REASON_CODE_ENVELOPE_EMPTY": 2,
              "REASON_CODE_ENVELOPE_MALFORMED": 3,
              "REASON_CODE_ENVELOPE_NOT_CANONICAL": 4,
              "REASON_CODE_HEADER_MALFORMED": 5,
              "REASON_CODE_FIELD_DUPLICATED": 6,
              "REASON_CODE_UTF8_INVALID": 7,
              "REASON_CODE_HEADER_FIELD_MISSING": 8,
              "REASON_CODE_HEADER_FIELD_INVALID": 9,
              "REASON_CODE_PROTOCOL_UNSUPPORTED": 10,
              "REASON_CODE_MESSAGE_ID_INVALID": 11,
              "REASON_CODE_MEMBER_ID_INVALID": 12,
              "REASON_CODE_PAYLOAD_TYPE_UNKNOWN": 13,
              "REASON_CODE_SIGNATURE_MALFORMED": 14,
              "REASON_CODE_SIGNATURE_NOT_DETACHED": 15,
              "REASON_CODE_SIGNATURE_ALGORITHM_NOT_ALLOWED": 16,
              "REASON_CODE_SENDER_MISMATCH": 17,
              "REASON_CODE_KEY_OWNER_MISMATCH": 18,
              "REASON_CODE_KEY_UNKNOWN": 19,
              "REASON_CODE_KEY_REVOKED": 20,
              "REASON_CODE_KEY_NOT_VALID_AT_TIME": 21,
              "REASON_CODE_SIGNATURE_INVALID": 22,
              "REASON_CODE_PAYLOAD_DIGEST_MISMATCH": 23,
              "REASON_CODE_PAYLOAD_MALFORMED": 24,
              "REASON_CODE_MESSAGE_ID_REUSED": 25,
              "REASON_CODE_TIMESTAMP_IN_FUTURE": 26,
              "REASON_CODE_TIMESTAMP_TOO_OLD": 27,
              "REASON_CODE_SENDER_UNKNOWN": 28,
              "REASON_CODE_SENDER_SUSPENDED": 29,
              "REASON_CODE_RECIPIENT_UNKNOWN": 30,
              "REASON_CODE_RECIPIENT_SUSPENDED": 31,
              "REASON_CODE_BROADCAST_RED_FORBIDDEN": 32,
              "REASON_CODE_POLICY_DENIED": 33,
              "REASON_CODE_PAYLOAD_TYPE_NOT_ALLOWED": 34,
              "REASON_CODE_REFERENCE_UNKNOWN": 35,
              "REASON_CODE_NOT_ORIGINATOR": 36,
              "REASON_CODE_REFERENCE_MISMATCH": 37,
              "REASON_CODE_QUERY_TOO_BROAD": 38,
              "REASON_CODE_QUERY_LIMIT_INVALID": 39,
              "REASON_CODE_QUERY_NAME_UNREADABLE": 40
            }
          },
          "Receipt": {
            "fields": {
              "nonce": {
                "type": "bytes",
                "id": 1
              },
              "messageId": {
                "type": "string",
                "id": 2,
                "protoName": "message_id"
              },
              "status": {
                "type": "ReceiptStatus",
                "id": 3
              },
              "reason": {
                "type": "ReasonCode",
                "id": 4
              },
              "detail": {
                "type": "string",
                "id": 5
              },
              "recipients": {
                "rule": "repeated",
                "type": "string",
                "id": 6
              },
              "recipient": {
                "type": "string",
                "id": 7
              },
              "envelopeSha256": {
                "type": "bytes",
                "id": 8,
                "protoName": "envelope_sha256"
              },
              "at": {
                "type": "google.protobuf.Timestamp",
                "id": 9
              },
              "leafIndex": {
                "type": "uint64",
                "id": 10,
                "protoName": "leaf_index"
              },
              "checkpoint": {
                "type": "string",
                "id": 11
              },
              "inclusionProof": {
                "rule": "repeated",
                "type": "bytes",
                "id": 12,
                "protoName": "inclusion_proof"
              }
            }
          },
          "KeyEventType": {
            "values": {
              "KEY_EVENT_TYPE_UNSPECIFIED": 0,
              "KEY_EVENT_TYPE_REGISTERED": 1,
              "KEY_EVENT_TYPE_REVOKED": 2
            }
          },
          "RevocationReason": {
            "values": {
              "REVOCATION_REASON_UNSPECIFIED": 0,
              "REVOCATION_REASON_SUPERSEDED": 1,
              "REVOCATION_REASON_COMPROMISED": 2,
              "REVOCATION_REASON_CESSATION": 3
            }
          },
          "KeyEvent": {
            "fields": {
              "nonce": {
                "type": "bytes",
                "id": 1
              },
              "type": {
                "type": "KeyEventType",
                "id": 2
              },
              "memberId": {
                "type": "string",
                "id": 3,
                "protoName": "member_id"
              },
              "kid": {
                "type": "string",
                "id": 4
              },
              "publicJwk": {
                "type": "string",
                "id": 5,
                "protoName": "public_jwk"
              },
              "validFrom": {
                "type": "google.protobuf.Timestamp",
                "id": 6,
                "protoName": "valid_from"
              },
              "validUntil": {
                "type": "google.protobuf.Timestamp",
                "id": 7,
                "protoName": "valid_until"
              },
              "revokedAt": {
                "type": "google.protobuf.Timestamp",
                "id": 8,
                "protoName": "revoked_at"
              },
              "reason": {
                "type": "RevocationReason",
                "id": 9
              },
              "comment": {
                "type": "string",
                "id": 10
              }
            }
          },
          "Envelope": {
            "fields": {
              "header": {
                "type": "bytes",
                "id": 1
              },
              "payload": {
                "type": "bytes",
                "id": 2
              },
              "signature": {
                "type": "string",
                "id": 3
              }
            }
          },
          "Header": {
            "fields": {
              "protocol": {
                "type": "uint32",
                "id": 1
              },
              "messageId": {
                "type": "string",
                "id": 2,
                "protoName": "message_id"
              },
              "sender": {
                "type": "string",
                "id": 3
              },
              "recipients": {
                "rule": "repeated",
                "type": "string",
                "id": 4
              },
              "broadcast": {
                "type": "bool",
                "id": 5
              },
              "createdAt": {
                "type": "google.protobuf.Timestamp",
                "id": 6,
                "protoName": "created_at"
              },
              "payloadType": {
                "type": "string",
                "id": 7,
                "protoName": "payload_type"
              },
              "payloadSha256": {
                "type": "bytes",
                "id": 8,
                "protoName": "payload_sha256"
              },
              "handling": {
                "type": "Handling",
                "id": 9
              },
              "purpose": {
                "type": "string",
                "id": 10
              },
              "legalBasis": {
                "type": "string",
                "id": 11,
                "protoName": "legal_basis"
              },
              "urgency": {
                "type": "Urgency",
                "id": 12
              },
              "replyDueAt": {
                "type": "google.protobuf.Timestamp",
                "id": 13,
                "protoName": "reply_due_at"
              },
              "correlationId": {
                "type": "string",
                "id": 14,
                "protoName": "correlation_id"
              },
              "inReplyTo": {
                "type": "string",
                "id": 15,
                "protoName": "in_reply_to"
              },
              "senderSequence": {
                "type": "uint64",
                "id": 16,
                "protoName": "sender_sequence"
              },
              "exercise": {
                "type": "bool",
                "id": 17
              }
            }
          },
          "Handling": {
            "fields": {
              "tlp": {
                "type": "TlpLevel",
                "id": 1
              },
              "noOnwardTransmission": {
                "type": "bool",
                "id": 2,
                "protoName": "no_onward_transmission"
              },
              "noJudicialUse": {
                "type": "bool",
                "id": 3,
                "protoName": "no_judicial_use"
              },
              "otherConditions": {
                "type": "string",
                "id": 4,
                "protoName": "other_conditions"
              },
              "sourceReliability": {
                "type": "SourceReliability",
                "id": 5,
                "protoName": "source_reliability"
              },
              "informationAssessment": {
                "type": "InformationAssessment",
                "id": 6,
                "protoName": "information_assessment"
              },
              "reviewBy": {
                "type": "google.protobuf.Timestamp",
                "id": 7,
                "protoName": "review_by"
              },
              "hitNoHitOnly": {
                "type": "bool",
                "id": 8,
                "protoName": "hit_no_hit_only"
              }
            }
          },
          "TlpLevel": {
            "values": {
              "TLP_LEVEL_UNSPECIFIED": 0,
              "TLP_LEVEL_CLEAR": 1,
              "TLP_LEVEL_GREEN": 2,
              "TLP_LEVEL_AMBER": 3,
              "TLP_LEVEL_AMBER_STRICT": 4,
              "TLP_LEVEL_RED": 5
            }
          },
          "SourceReliability": {
            "values": {
              "SOURCE_RELIABILITY_UNSPECIFIED": 0,
              "SOURCE_RELIABILITY_A": 1,
              "SOURCE_RELIABILITY_B": 2,
              "SOURCE_RELIABILITY_C": 3,
              "SOURCE_RELIABILITY_X": 4
            }
          },
          "InformationAssessment": {
            "values": {
              "INFORMATION_ASSESSMENT_UNSPECIFIED": 0,
              "INFORMATION_ASSESSMENT_1": 1,
              "INFORMATION_ASSESSMENT_2": 2,
              "INFORMATION_ASSESSMENT_3": 3,
              "INFORMATION_ASSESSMENT_4": 4
            }
          },
          "Urgency": {
            "values": {
              "URGENCY_UNSPECIFIED": 0,
              "URGENCY_IMMEDIATE": 1,
              "URGENCY_URGENT": 2,
              "URGENCY_NORMAL": 3
            }
          },
          "PartialDate": {
            "fields": {
              "year": {
                "type": "uint32",
                "id": 1
              },
              "month": {
                "type": "uint32",
                "id": 2
              },
              "day": {
                "type": "uint32",
                "id": 3
              }
            }
          },
          "RecordRef": {
            "fields": {
              "originator": {
                "type": "string",
                "id": 1
              },
              "recordId": {
                "type": "string",
                "id": 2,
                "protoName": "record_id"
              },
              "version": {
                "type": "uint32",
                "id": 3
              }
            }
          },
          "NamePart": {
            "fields": {
              "type": {
                "type": "NamePartType",
                "id": 1
              },
              "value": {
                "type": "string",
                "id": 2
              }
            }
          },
          "NamePartType": {
            "values": {
              "NAME_PART_TYPE_UNSPECIFIED": 0,
              "NAME_PART_TYPE_GIVEN": 1,
              "NAME_PART_TYPE_FAMILY": 2,
              "NAME_PART_TYPE_PATRONYMIC": 3,
              "NAME_PART_TYPE_MIDDLE": 4,
              "NAME_PART_TYPE_OTHER": 5
            }
          },
          "PersonName": {
            "fields": {
              "parts": {
                "rule": "repeated",
                "type": "NamePart",
                "id": 1
              },
              "script": {
                "type": "string",
                "id": 2
              },
              "language": {
                "type": "string",
                "id": 3
              }
            }
          },
          "IdentityDocument": {
            "fields": {
              "type": {
                "type": "DocumentType",
                "id": 1
              },
              "number": {
                "type": "string",
                "id": 2
              },
              "issuingCountry": {
                "type": "string",
                "id": 3,
                "protoName": "issuing_country"
              },
              "issuedOn": {
                "type": "PartialDate",
                "id": 4,
                "protoName": "issued_on"
              },
              "expiresOn": {
                "type": "PartialDate",
                "id": 5,
                "protoName": "expires_on"
              }
            }
          },
          "DocumentType": {
            "values": {
              "DOCUMENT_TYPE_UNSPECIFIED": 0,
              "DOCUMENT_TYPE_PASSPORT": 1,
              "DOCUMENT_TYPE_NATIONAL_ID": 2,
              "DOCUMENT_TYPE_RESIDENCE_PERMIT": 3,
              "DOCUMENT_TYPE_DRIVING_LICENCE": 4,
              "DOCUMENT_TYPE_OTHER": 5
            }
          },
          "Sex": {
            "values": {
              "SEX_UNSPECIFIED": 0,
              "SEX_MALE": 1,
              "SEX_FEMALE": 2
            }
          },
          "PersonCategory": {
            "values": {
              "PERSON_CATEGORY_UNSPECIFIED": 0,
              "PERSON_CATEGORY_SUSPECT": 1,
              "PERSON_CATEGORY_WANTED": 2,
              "PERSON_CATEGORY_CONVICTED": 3,
              "PERSON_CATEGORY_FOREIGN_FIGHTER": 4,
              "PERSON_CATEGORY_MEMBER": 5,
              "PERSON_CATEGORY_ASSOCIATE": 6,
              "PERSON_CATEGORY_AT_RISK": 7
            }
          },
          "PersonRecord": {
            "fields": {
              "nonce": {
                "type": "bytes",
                "id": 1
              },
              "recordId": {
                "type": "string",
                "id": 2,
                "protoName": "record_id"
              },
              "version": {
                "type": "uint32",
                "id": 3
              },
              "category": {
                "type": "PersonCategory",
                "id": 4
              },
              "names": {
                "rule": "repeated",
                "type": "PersonName",
                "id": 5
              },
              "aliases": {
                "rule": "repeated",
                "type": "PersonName",
                "id": 6
              },
              "dateOfBirth": {
                "type": "PartialDate",
                "id": 7,
                "protoName": "date_of_birth"
              },
              "placeOfBirth": {
                "type": "string",
                "id": 8,
                "protoName": "place_of_birth"
              },
              "sex": {
                "type": "Sex",
                "id": 9
              },
              "nationalities": {
                "rule": "repeated",
                "type": "string",
                "id": 10
              },
              "documents": {
                "rule": "repeated",
                "type": "IdentityDocument",
                "id": 11
              },
              "legalBasis": {
                "type": "string",
                "id": 12,
                "protoName": "legal_basis"
              },
              "summary": {
                "type": "string",
                "id": 13
              },
              "related": {
                "rule": "repeated",
                "type": "RecordRef",
                "id": 14
              }
            }
          },
          "OrganizationCategory": {
            "values": {
              "ORGANIZATION_CATEGORY_UNSPECIFIED": 0,
              "ORGANIZATION_CATEGORY_TERRORIST": 1,
              "ORGANIZATION_CATEGORY_EXTREMIST": 2,
              "ORGANIZATION_CATEGORY_AFFILIATE": 3,
              "ORGANIZATION_CATEGORY_FINANCIER": 4,
              "ORGANIZATION_CATEGORY_OTHER": 5
            }
          },
          "OrganizationName": {
            "fields": {
              "value": {
                "type": "string",
                "id": 1
              },
              "script": {
                "type": "string",
                "id": 2
              },
              "language": {
                "type": "string",
                "id": 3
              }
            }
          },
          "Designation": {
            "fields": {
              "authority": {
                "type": "string",
                "id": 1
              },
              "reference": {
                "type": "string",
                "id": 2
              },
              "designatedOn": {
                "type": "PartialDate",
                "id": 3,
                "protoName": "designated_on"
              },
              "country": {
                "type": "string",
                "id": 4
              }
            }
          },
          "OrganizationRecord": {
            "fields": {
              "nonce": {
                "type": "bytes",
                "id": 1
              },
              "recordId": {
                "type": "string",
                "id": 2,
                "protoName": "record_id"
              },
              "version": {
                "type": "uint32",
                "id": 3
              },
              "category": {
                "type": "OrganizationCategory",
                "id": 4
              },
              "names": {
                "rule": "repeated",
                "type": "OrganizationName",
                "id": 5
              },
              "aliases": {
                "rule": "repeated",
                "type": "OrganizationName",
                "id": 6
              },
              "countries": {
                "rule": "repeated",
                "type": "string",
                "id": 7
              },
              "designations": {
                "rule": "repeated",
                "type": "Designation",
                "id": 8
              },
              "legalBasis": {
                "type": "string",
                "id": 9,
                "protoName": "legal_basis"
              },
              "summary": {
                "type": "string",
                "id": 10
              },
              "related": {
                "rule": "repeated",
                "type": "RecordRef",
                "id": 11
              }
            }
          },
          "IncidentCategory": {
            "values": {
              "INCIDENT_CATEGORY_UNSPECIFIED": 0,
              "INCIDENT_CATEGORY_ATTACK": 1,
              "INCIDENT_CATEGORY_ATTEMPT": 2,
              "INCIDENT_CATEGORY_PLOT_DISRUPTED": 3,
              "INCIDENT_CATEGORY_THREAT": 4,
              "INCIDENT_CATEGORY_FINANCING": 5,
              "INCIDENT_CATEGORY_RECRUITMENT": 6,
              "INCIDENT_CATEGORY_BORDER_CROSSING": 7,
              "INCIDENT_CATEGORY_OTHER": 8
            }
          },
          "IncidentReport": {
            "fields": {
              "nonce": {
                "type": "bytes",
                "id": 1
              },
              "recordId": {
                "type": "string",
                "id": 2,
                "protoName": "record_id"
              },
              "version": {
                "type": "uint32",
                "id": 3
              },
              "category": {
                "type": "IncidentCategory",
                "id": 4
              },
              "occurredAt": {
                "type": "google.protobuf.Timestamp",
                "id": 5,
                "protoName": "occurred_at"
              },
              "country": {
                "type": "string",
                "id": 6
              },
              "location": {
                "type": "string",
                "id": 7
              },
              "title": {
                "type": "string",
                "id": 8
              },
              "summary": {
                "type": "string",
                "id": 9
              },
              "killed": {
                "type": "uint32",
                "id": 10
              },
              "injured": {
                "type": "uint32",
                "id": 11
              },
              "related": {
                "rule": "repeated",
                "type": "RecordRef",
                "id": 12
              },
              "legalBasis": {
                "type": "string",
                "id": 13,
                "protoName": "legal_basis"
              }
            }
          },
          "InformationRequest": {
            "fields": {
              "nonce": {
                "type": "bytes",
                "id": 1
              },
              "recordId": {
                "type": "string",
                "id": 2,
                "protoName": "record_id"
              },
              "version": {
                "type": "uint32",
                "id": 3
              },
              "subject": {
                "type": "string",
                "id": 4
              },
              "questions": {
                "rule": "repeated",
                "type": "string",
                "id": 5
              },
              "about": {
                "rule": "repeated",
                "type": "RecordRef",
                "id": 6
              }
            }
          },
          "ResponseOutcome": {
            "values": {
              "RESPONSE_OUTCOME_UNSPECIFIED": 0,
              "RESPONSE_OUTCOME_ANSWERED": 1,
              "RESPONSE_OUTCOME_PARTIAL": 2,
              "RESPONSE_OUTCOME_NO_INFORMATION": 3,
              "RESPONSE_OUTCOME_DECLINED": 4
            }
          },
          "InformationResponse": {
            "fields": {
              "nonce": {
                "type": "bytes",
                "id": 1
              },
              "recordId": {
                "type": "string",
                "id": 2,
                "protoName": "record_id"
              },
              "version": {
                "type": "uint32",
                "id": 3
              },
              "outcome": {
                "type": "ResponseOutcome",
                "id": 4
              },
              "answers": {
                "rule": "repeated",
                "type": "string",
                "id": 5
              },
              "related": {
                "rule": "repeated",
                "type": "RecordRef",
                "id": 6
              }
            }
          },
          "WithdrawalReason": {
            "values": {
              "WITHDRAWAL_REASON_UNSPECIFIED": 0,
              "WITHDRAWAL_REASON_INACCURATE": 1,
              "WITHDRAWAL_REASON_LEGAL_BASIS_LAPSED": 2,
              "WITHDRAWAL_REASON_ORDERED": 3,
              "WITHDRAWAL_REASON_DUPLICATE": 4,
              "WITHDRAWAL_REASON_OTHER": 5
            }
          },
          "RecordWithdrawal": {
            "fields": {
              "nonce": {
                "type": "bytes",
                "id": 1
              },
              "recordId": {
                "type": "string",
                "id": 2,
                "protoName": "record_id"
              },
              "version": {
                "type": "uint32",
                "id": 3
              },
              "target": {
                "type": "RecordRef",
                "id": 4
              },
              "reason": {
                "type": "WithdrawalReason",
                "id": 5
              },
              "explanation": {
                "type": "string",
                "id": 6
              }
            }
          },
          "NoticeCategory": {
            "values": {
              "NOTICE_CATEGORY_UNSPECIFIED": 0,
              "NOTICE_CATEGORY_GENERAL": 1,
              "NOTICE_CATEGORY_ALERT": 2,
              "NOTICE_CATEGORY_SERVICE": 3
            }
          },
          "Notice": {
            "fields": {
              "nonce": {
                "type": "bytes",
                "id": 1
              },
              "recordId": {
                "type": "string",
                "id": 2,
                "protoName": "record_id"
              },
              "version": {
                "type": "uint32",
                "id": 3
              },
              "category": {
                "type": "NoticeCategory",
                "id": 4
              },
              "title": {
                "type": "string",
                "id": 5
              },
              "body": {
                "type": "string",
                "id": 6
              },
              "validUntil": {
                "type": "google.protobuf.Timestamp",
                "id": 7,
                "protoName": "valid_until"
              }
            }
          },
          "DataBankQuery": {
            "fields": {
              "nonce": {
                "type": "bytes",
                "id": 1
              },
              "names": {
                "rule": "repeated",
                "type": "PersonName",
                "id": 2
              },
              "dateOfBirth": {
                "type": "PartialDate",
                "id": 3,
                "protoName": "date_of_birth"
              },
              "sex": {
                "type": "Sex",
                "id": 4
              },
              "nationalities": {
                "rule": "repeated",
                "type": "string",
                "id": 5
              },
              "documents": {
                "rule": "repeated",
                "type": "IdentityDocument",
                "id": 6
              },
              "limit": {
                "type": "uint32",
                "id": 7
              }
            }
          },
          "DataBankHit": {
            "fields": {
              "record": {
                "type": "RecordRef",
                "id": 1
              },
              "score": {
                "type": "uint32",
                "id": 2
              },
              "reasons": {
                "rule": "repeated",
                "type": "string",
                "id": 3
              },
              "restricted": {
                "type": "bool",
                "id": 4
              },
              "envelope": {
                "type": "bytes",
                "id": 5
              },
              "subjectId": {
                "type": "string",
                "id": 6,
                "protoName": "subject_id"
              }
            }
          },
          "DataBankResult": {
            "fields": {
              "nonce": {
                "type": "bytes",
                "id": 1
              },
              "queryMessageId": {
                "type": "string",
                "id": 2,
                "protoName": "query_message_id"
              },
              "hits": {
                "rule": "repeated",
                "type": "DataBankHit",
                "id": 3
              },
              "truncated": {
                "type": "bool",
                "id": 4
              },
              "refusalCode": {
                "type": "string",
                "id": 5,
                "protoName": "refusal_code"
              },
              "refusalDetail": {
                "type": "string",
                "id": 6,
                "protoName": "refusal_detail"
              },
              "retryAfterSeconds": {
                "type": "uint32",
                "id": 7,
                "protoName": "retry_after_seconds"
              }
            }
          }
        }
      }
    }
  },
  "google": {
    "nested": {
      "protobuf": {
        "nested": {
          "Timestamp": {
            "fields": {
              "seconds": {
                "type": "int64",
                "id": 1
              },
              "nanos": {
                "type": "int32",
                "id": 2
              }
            }
          }
        }
      }
    }
  }
});
export const atc = $root.get("atc");
export const google = $root.get("google");

export {
  /**
   * Reflected root namespace.
   * @type {$protobuf.Root}
   */
  $root as default
};
