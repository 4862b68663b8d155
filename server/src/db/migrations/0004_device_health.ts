import type { Knex } from 'knex';

/**
 * The teaching room's equipment (Art. 10.3; Art. 8.1.a keeps the evidence) and the appliance's
 * health: downsampled metric history and alerts. Instants are ISO-8601 UTC text, so bucket starts
 * compare as text on both dialects.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('devices', (t) => {
    t.increments('id').primary();
    t.string('kind', 20).notNullable(); // camera | microphone | speaker | display | mini_pc | network
    t.string('name', 150).notNullable();
    t.string('model', 150);
    t.string('serial', 100);
    t.string('location', 150);
    t.string('host', 255); // reachability check (cameras, network gear): host and port, or neither
    t.integer('port');
    t.text('notes');
    t.string('added_at', 30).notNullable();
    t.string('retired_at', 30);
    t.text('retire_reason');
    t.unique(['kind', 'serial']); // several NULL serials are allowed on both dialects
    t.index(['retired_at', 'kind']);
  });

  // One row per metric × resolution × bucket: per-minute rows are kept a day, per-hour rows a year.
  await knex.schema.createTable('device_metric_buckets', (t) => {
    t.string('metric', 160).notNullable(); // e.g. cpu.load_pct, disk.free_pct:/, device.up:3
    t.string('resolution', 10).notNullable(); // minute | hour
    t.string('bucket_start', 30).notNullable();
    t.double('min').notNullable();
    t.double('avg').notNullable();
    t.double('max').notNullable();
    t.integer('count').notNullable();
    // The chart query (metric, resolution, start range) is served by the primary key.
    t.primary(['metric', 'resolution', 'bucket_start']);
    // Pruning by age deletes one resolution's oldest rows.
    t.index(['resolution', 'bucket_start']);
  });

  await knex.schema.createTable('device_alerts', (t) => {
    t.increments('id').primary();
    t.string('rule', 40).notNullable(); // disk_low | temperature_high | memory_low | device_offline | media_worker_restarted
    t.string('subject', 160).notNullable(); // mount point, 'cpu', 'memory', 'device:<id>', 'media'
    t.integer('device_id').references('devices.id');
    t.string('severity', 10).notNullable(); // warning | critical (the worst reached in the episode)
    t.double('value');
    t.double('threshold');
    t.text('message_vi').notNullable();
    t.text('message_en').notNullable();
    t.string('raised_at', 30).notNullable();
    t.string('cleared_at', 30);
    t.index(['cleared_at', 'raised_at']); // ?active=true: cleared_at IS NULL
    t.index(['raised_at']);
    t.index(['device_id', 'raised_at']); // a device's health history
  });
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
