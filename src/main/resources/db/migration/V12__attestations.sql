-- Attestations at release (发布前确认): when approving, the reviewer confirms that the secrecy review
-- (保密审查) was done and the leader's sign-off (负责人审签) obtained, and names the signer (签发人).
-- They are kept with the approval, beside reviewed_by and reviewed_at; NULL on versions approved
-- before this migration and on versions never approved. attestations_printed: the version's stored
-- page and PDF carry them under the 说明's title (hub.publish.print-attestations), so a later build
-- does not reuse those renderings. Portable to H2 and PostgreSQL.
ALTER TABLE delivery ADD COLUMN secrecy_reviewed BOOLEAN;
ALTER TABLE delivery ADD COLUMN leader_signed BOOLEAN;
ALTER TABLE delivery ADD COLUMN signer VARCHAR(50);
ALTER TABLE delivery ADD COLUMN attestations_printed BOOLEAN DEFAULT FALSE NOT NULL;
