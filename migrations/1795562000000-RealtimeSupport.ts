import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outside what entities describe: the table @socket.io/postgres-adapter uses for payloads
 * too large for NOTIFY (its documented schema), and the trigger that keeps the audit log
 * append-only.
 */
export class RealtimeSupport1795562000000 implements MigrationInterface {
  name = 'RealtimeSupport1795562000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE socket_io_attachments (
        id bigserial UNIQUE,
        created_at timestamptz DEFAULT now(),
        payload bytea
      )`);
    await queryRunner.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log');
    await queryRunner.query('DROP FUNCTION IF EXISTS audit_log_append_only()');
    await queryRunner.query('DROP TABLE IF EXISTS socket_io_attachments');
  }
}
