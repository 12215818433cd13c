#!/usr/bin/env node
// Serialize and deserialize inference-impact records with Confluent's own Node Schema Registry
// client (@confluentinc/schemaregistry). The Java integration tests drive this script to prove that
// the project's serdes and Confluent's client read each other's bytes through a real registry.
//
//   serialize   --registry URL --topic T --schema FILE.avsc : JSON lines on stdin -> hex lines
//   deserialize --registry URL --topic T                    : hex lines on stdin  -> JSON lines
//
// The value subject follows Confluent's default TopicNameStrategy (T-value). `serialize` registers
// the schema under that subject first, then serializes with the latest registered version.
'use strict';
const fs = require('fs');
const readline = require('readline');
const { SchemaRegistryClient, AvroSerializer, AvroDeserializer, SerdeType } = require('@confluentinc/schemaregistry');

function parseArgs(argv) {
  const [command, ...rest] = argv;
  const options = {};
  for (let i = 0; i < rest.length; i += 2) {
    if (!rest[i].startsWith('--') || rest[i + 1] === undefined) throw new Error(`bad argument ${rest[i]}`);
    options[rest[i].slice(2)] = rest[i + 1];
  }
  for (const required of ['registry', 'topic']) {
    if (!options[required]) throw new Error(`--${required} is required`);
  }
  return { command, options };
}

async function lines() {
  const result = [];
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (line.trim()) result.push(line.trim());
  }
  return result;
}

// BigInt never appears (longs fit in doubles here); Buffers print as arrays of bytes.
const toJson = (value) => JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? Number(v) : v));

async function main() {
  const { command, options } = parseArgs(process.argv.slice(2));
  const client = new SchemaRegistryClient({ baseURLs: [options.registry] });
  if (command === 'serialize') {
    if (!options.schema) throw new Error('--schema is required');
    const schema = fs.readFileSync(options.schema, 'utf8');
    await client.register(`${options.topic}-value`, { schemaType: 'AVRO', schema });
    const serializer = new AvroSerializer(client, SerdeType.VALUE, { useLatestVersion: true });
    for (const line of await lines()) {
      const bytes = await serializer.serialize(options.topic, JSON.parse(line));
      process.stdout.write(bytes.toString('hex') + '\n');
    }
  } else if (command === 'deserialize') {
    const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {});
    for (const line of await lines()) {
      const value = await deserializer.deserialize(options.topic, Buffer.from(line, 'hex'));
      process.stdout.write(toJson(value) + '\n');
    }
  } else {
    throw new Error(`unknown command ${command}: use serialize or deserialize`);
  }
}

main().catch((err) => {
  process.stderr.write(`crosscheck failed: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
