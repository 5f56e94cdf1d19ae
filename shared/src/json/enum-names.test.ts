import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { atc, descriptorRoot } from '../proto/protobuf.js';
import { enumNames, protocolEnumNames } from './enum-names.js';

function allEnums(ns: protobuf.NamespaceBase): protobuf.Enum[] {
  return ns.nestedArray.flatMap((o) =>
    o instanceof protobuf.Enum ? [o] : o instanceof protobuf.Namespace ? allEnums(o) : [],
  );
}

describe('enumNames', () => {
  it('builds unambiguous names for every enum of the protocol, without the UNSPECIFIED value', () => {
    const enums = allEnums(descriptorRoot);
    expect(enums.length).toBeGreaterThan(15);
    for (const e of enums) {
      const names = enumNames(e);
      expect(names.unspecifiedName).toBe(Object.keys(e.values)[0]);
      expect(names.fullNames).toHaveLength(Object.keys(e.values).length - 1);
      for (const [full, value] of Object.entries(e.values)) {
        if (value === 0) continue;
        expect(names.valueOf(full)).toBe(value);
        expect(names.valueOf(names.shortNameOf(value) ?? '')).toBe(value);
      }
    }
  });

  it('strips the prefix the values share', () => {
    const tlp = enumNames(descriptorRoot.lookupEnum('atc.v1.TlpLevel'));
    expect(tlp.shortNames).toEqual(['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED']);
    expect(enumNames(descriptorRoot.lookupEnum('atc.v1.InformationAssessment')).shortNames).toEqual([
      '1',
      '2',
      '3',
      '4',
    ]);
    expect(tlp.valueOf('TLP_LEVEL_UNSPECIFIED')).toBeUndefined();
    expect(tlp.isUnspecified('UNSPECIFIED')).toBe(true);
    expect(tlp.valueOf('red')).toBeUndefined();
  });

  it('derives the prefix from the enum name when there is no UNSPECIFIED value, and refuses ambiguity', () => {
    expect(enumNames(new protobuf.Enum('HTTPStatus', { HTTP_STATUS_OK: 0, HTTP_STATUS_GONE: 1 })).shortNames).toEqual([
      'OK',
      'GONE',
    ]);
    expect(() => enumNames(new protobuf.Enum('Odd', { ODD_UNSPECIFIED: 0, ODD_A: 1, A: 2 }))).toThrow(
      /would mean both 1 and 2/,
    );
  });

  it('maps the generated enums by their full names, built once', () => {
    const urgency = protocolEnumNames<atc.v1.Urgency>('atc.v1.Urgency');
    expect(protocolEnumNames('atc.v1.Urgency')).toBe(urgency);
    expect(urgency.valueOf('URGENT')).toBe(atc.v1.Urgency.URGENCY_URGENT);
    expect(urgency.shortNameOf(atc.v1.Urgency.URGENCY_NORMAL)).toBe('NORMAL');
    expect(urgency.shortNameOf(0)).toBe('UNSPECIFIED');
    expect(urgency.shortNameOf(99)).toBeUndefined();
    expect(() => protocolEnumNames('atc.v1.NoSuchEnum')).toThrow();
  });
});
