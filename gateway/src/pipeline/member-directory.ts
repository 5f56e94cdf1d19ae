/** A member as the pipeline needs it. */
export interface DirectoryMember {
  readonly id: string;
  readonly status: 'active' | 'suspended';
}

/** Read access to the member registry, as the pipeline uses it. */
export interface MemberDirectory {
  getMember(id: string): DirectoryMember | undefined;
  listMembers(): readonly DirectoryMember[];
}
