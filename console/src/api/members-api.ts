/** A member key as `GET /v1/members` lists it. */
export interface MemberKeyJson {
  readonly kid: string;
  readonly status: 'active' | 'revoked';
  readonly validFrom: string;
  readonly validUntil: string | null;
  readonly revokedAt: string | null;
  readonly revocationReason: 'superseded' | 'compromised' | 'cessation' | null;
}

/** Traffic a member sent and was sent over the last 24 hours. */
export interface MemberTrafficJson {
  readonly sent: number;
  readonly received: number;
}

/** A member as `GET /v1/members` and `GET /v1/members/:id` describe it (metadata only). */
export interface MemberJson {
  readonly id: string;
  readonly name: string;
  readonly kind: 'national' | 'sectorial' | 'observer';
  readonly status: 'active' | 'suspended';
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly keys: readonly MemberKeyJson[];
  readonly lastSeen: string | null;
  readonly backlog: number | null;
  readonly sequenceAnomalies: {
    readonly count: number;
    readonly latest: {
      readonly messageId: string;
      readonly kind: 'gap' | 'regression';
      readonly expected: number;
      readonly got: number;
      readonly at: string;
    } | null;
  };
  readonly witness: { readonly treeSize: number; readonly receivedAt: string } | null;
  readonly last24h: { readonly operational: MemberTrafficJson; readonly exercise: MemberTrafficJson };
}

/** An alarm that holds now (`GET /v1/alarms`). */
export interface AlarmJson {
  readonly kind: string;
  readonly severity: 'warning' | 'critical';
  readonly since: string;
  readonly subject: string;
  readonly detail: string;
}

/** The alarm kinds about a member's witness: they tell how fresh its cosignatures are. */
export const WITNESS_ALARMS: readonly string[] = ['witness-cosignature-missing', 'witness-cosignature-stale'];
