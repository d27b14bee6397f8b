// The smallest changes that make CongoDB (vendor/congodb, fetched unmodified by fetch-congodb.mjs)
// behave like MongoDB where Hub's MongoDB adapter relies on it. Each patch is explained in
// README.md. They replace methods of CongoDB's own classes at start-up; nothing else is changed.
// The stand-in is not MongoDB: when a test fails only here, first ask whether MongoDB would pass it.
import { Aggregator } from 'mingo';
import {
  CongoDuplicateKeyError,
  CongoIndexError,
  IndexEngine,
  MemoryStorageAdapter,
  ObjectId,
  QueryEngine,
  UpdateEngine,
} from './vendor/congodb/index.js';
import { EJSON } from 'bson';

// Patch 1: ids are stored as they are. Stock CongoDB keys every document by
// `new ObjectId(doc._id).toHexString()`, which throws for any other id (Hub uses string ids).
// ObjectIds keep their stock key; every other id is keyed by its canonical Extended JSON, so a
// string id and an ObjectId with the same hex digits stay two different ids, as in MongoDB.
const idKey = (id) => (id instanceof ObjectId ? id.toHexString() : 'ejson:' + EJSON.stringify({ id }, { relaxed: false }));

const valueAt = (doc, path) => {
  let value = doc;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || !(part in value)) {
      return undefined;
    }
    value = value[part];
  }
  return value;
};

// Patch 2: unique indexes are enforced. Stock CongoDB records them but never checks them on
// insert or update. A document is in an index unless a partialFilterExpression leaves it out (or
// a sparse index and it has none of the fields); missing fields count as null, as in MongoDB.
const indexedKey = (index, doc) => {
  const fields = Object.keys(index.key);
  if (index.partialFilterExpression && QueryEngine.filter([doc], index.partialFilterExpression).length === 0) {
    return null;
  }

  const values = fields.map((field) => valueAt(doc, field));
  if (index.sparse && values.every((value) => value === undefined)) {
    return null;
  }

  return EJSON.stringify(values.map((value) => value ?? null), { relaxed: false });
};

const duplicateKeyError = (dbName, collName, index, doc) => {
  const keyValue = Object.fromEntries(Object.keys(index.key).map((field) => [field, valueAt(doc, field) ?? null]));
  return new CongoDuplicateKeyError(
    `E11000 duplicate key error collection: ${dbName}.${collName} index: ${index.name} dup key: ${EJSON.stringify(keyValue)}`,
    index.key,
    keyValue,
  );
};

/** Throws MongoDB's duplicate key error when `doc` (stored under `ownKey`, if any) collides with another document. */
function checkUnique(storage, dbName, collName, doc, ownKey) {
  const indexes = storage.indexes.get(dbName)?.get(collName) ?? [];
  const collection = storage.ensureCollection(dbName, collName);
  for (const index of indexes) {
    if (!index.unique || index.name === '_id_') {
      continue;
    }

    const key = indexedKey(index, doc);
    if (key === null) {
      continue;
    }

    for (const [otherKey, other] of collection) {
      if (otherKey !== ownKey && indexedKey(index, other) === key) {
        throw duplicateKeyError(dbName, collName, index, doc);
      }
    }
  }
}

Object.assign(MemoryStorageAdapter.prototype, {
  async insertOne(dbName, collName, doc) {
    const collection = this.ensureCollection(dbName, collName);
    const stored = { ...doc, _id: doc._id ?? new ObjectId() };
    const key = idKey(stored._id);
    if (collection.has(key)) {
      throw duplicateKeyError(dbName, collName, { name: '_id_', key: { _id: 1 } }, stored);
    }

    checkUnique(this, dbName, collName, stored, undefined);
    collection.set(key, stored);
    return stored;
  },

  async findById(dbName, collName, id) {
    return this.ensureCollection(dbName, collName).get(idKey(id)) || null;
  },

  async updateById(dbName, collName, id, doc) {
    const collection = this.ensureCollection(dbName, collName);
    const key = idKey(id);
    if (!collection.has(key)) {
      return false;
    }

    checkUnique(this, dbName, collName, doc, key);
    collection.set(key, doc);
    return true;
  },

  async deleteById(dbName, collName, id) {
    return this.ensureCollection(dbName, collName).delete(idKey(id));
  },
});

// Patch 2, continued: createIndexes keeps partialFilterExpression (stock CongoDB drops it, and
// its own bookkeeping of index entries assumes ObjectId ids), refuses a unique index that the
// stored documents already violate, and listIndexes reports what is stored.
Object.assign(IndexEngine.prototype, {
  async initialize() {
    this.initialized = true;
  },

  async createIndex(key, options = {}) {
    const name = options.name || this.generateIndexName(key);
    const spec = {
      key,
      unique: options.unique || undefined,
      sparse: options.sparse || undefined,
      expireAfterSeconds: options.expireAfterSeconds,
      partialFilterExpression: options.partialFilterExpression,
    };
    if (spec.unique) {
      const seen = new Set();
      for (const doc of await this.storage.findAll(this.dbName, this.collName)) {
        const indexed = indexedKey(spec, doc);
        if (indexed !== null && seen.has(indexed)) {
          throw duplicateKeyError(this.dbName, this.collName, { name, key }, doc);
        }

        seen.add(indexed);
      }
    }

    await this.storage.saveIndex(this.dbName, this.collName, name, spec);
    return name;
  },

  async listIndexes() {
    const stored = await this.storage.getIndexes(this.dbName, this.collName);
    return stored.map((index) => ({ v: 2, ...index }));
  },

  async indexExists(name) {
    return (await this.storage.getIndexes(this.dbName, this.collName)).some((index) => index.name === name);
  },

  async dropIndex(name) {
    if (name === '_id_' || !(await this.storage.dropIndex(this.dbName, this.collName, name))) {
      throw new CongoIndexError(name === '_id_' ? 'cannot drop _id index' : `index not found with name [${name}]`, 27);
    }
  },

  async dropAllIndexes() {
    for (const index of await this.storage.getIndexes(this.dbName, this.collName)) {
      if (index.name !== '_id_') {
        await this.storage.dropIndex(this.dbName, this.collName, index.name);
      }
    }
  },
});

// Patch 3: pipeline-style updates (update with an array of $set/$unset/... stages, MongoDB 4.2+)
// run the pipeline on the one document, with mingo, which CongoDB already uses for aggregate.
const applyUpdate = UpdateEngine.applyUpdate;
UpdateEngine.applyUpdate = function (document, update, arrayFilters) {
  if (!Array.isArray(update)) {
    return applyUpdate.call(this, document, update, arrayFilters);
  }

  const [updated] = new Aggregator(update).run([UpdateEngine.deepClone(document)]);
  return { ...updated, _id: document._id };
};
