import type { Knex } from 'knex';

/**
 * The teaching room's ONVIF cameras and their presets (Art. 10.3), and quick sign-in at the
 * kiosk: short PINs bound to this box, kiosk sessions with their own idle clock, and one-time QR
 * challenges approved from a phone. Instants are ISO-8601 UTC text, as everywhere.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('cameras', (t) => {
    t.increments('id').primary();
    t.string('name', 150).notNullable();
    t.string('xaddr', 500).notNullable().unique(); // ONVIF device service URL
    t.string('urn', 200); // WS-Discovery endpoint address (urn:uuid:…), stable across reboots
    t.string('username', 150).notNullable();
    t.text('password_enc').notNullable(); // AES-256-GCM with the key in dataDir/secrets/; never clear text
    t.string('profile_token', 100).notNullable();
    t.string('stream_uri', 1000); // RTSP URI of the profile, without credentials (cache)
    t.string('manufacturer', 150);
    t.string('model', 150);
    t.string('serial_number', 150);
    t.string('firmware_version', 100);
    t.boolean('ptz').notNullable().defaultTo(false);
    t.boolean('enabled').notNullable().defaultTo(true);
    t.boolean('is_default').notNullable().defaultTo(false);
    t.string('added_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.string('last_seen_at', 30);
    t.string('last_error', 500);
    t.index(['is_default']);
    t.index(['urn']);
  });

  await knex.schema.createTable('camera_presets', (t) => {
    t.increments('id').primary();
    t.integer('camera_id').notNullable().references('cameras.id').onDelete('CASCADE');
    t.string('name', 100).notNullable(); // "Bảng", "Bàn giáo viên", "Cả lớp" (NFC)
    t.string('token', 100).notNullable(); // the camera's PresetToken
    t.string('created_at', 30).notNullable();
    t.unique(['camera_id', 'name']);
  });

  // One PIN per account, usable only from the box itself.
  await knex.schema.createTable('kiosk_pins', (t) => {
    t.integer('account_id').primary().references('accounts.id').onDelete('CASCADE');
    t.string('pin_hash', 200).notNullable(); // argon2id, like passwords
    t.string('password_fingerprint', 64).notNullable(); // a new or reset password retires the PIN
    t.integer('failed_attempts').notNullable().defaultTo(0);
    t.string('locked_at', 30); // five wrong PINs: the full password is needed again
    t.string('created_at', 30).notNullable();
    t.string('last_used_at', 30);
  });

  // Sessions opened at the kiosk (PIN or QR): a short idle timeout the server enforces.
  await knex.schema.createTable('kiosk_sessions', (t) => {
    t.string('session_id', 64).primary().references('sessions.id').onDelete('CASCADE');
    t.integer('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    t.string('method', 10).notNullable(); // pin | qr
    t.string('created_at', 30).notNullable();
    t.string('last_seen_at', 30).notNullable();
    t.index(['last_seen_at']);
  });

  await knex.schema.createTable('kiosk_qr_challenges', (t) => {
    t.string('id', 32).primary(); // random, unguessable
    t.string('secret_hash', 64).notNullable(); // sha256 of the secret shown in the QR code
    t.string('created_at', 30).notNullable();
    t.string('expires_at', 30).notNullable();
    t.integer('approved_by').references('accounts.id').onDelete('CASCADE');
    t.string('approved_at', 30);
    t.string('approved_ip', 64);
    t.string('consumed_at', 30);
    t.index(['expires_at']);
  });
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
