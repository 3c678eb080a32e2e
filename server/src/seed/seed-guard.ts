/**
 * Guards of the first-run demo seed: it runs only against an EMPTY database, at most once (a marker
 * document with a unique id, also across processes starting together), and all or nothing: when a
 * step fails, everything written since the database was found empty is deleted again, so the next
 * start retries from scratch.
 */
import mongoose from 'mongoose';

/** Collection of the seed marker. */
export const seedMarkerCollection = 'seed_markers';

/** Id of the demo seed's marker document. */
export const demoSeedMarkerId = 'demo-organisation';

/** The marker document: `seeding` while a process seeds, `done` afterwards. */
export interface SeedMarker {
  _id: string;
  /** Absent on markers written by earlier versions, which only wrote it when they had seeded. */
  status?: 'seeding' | 'done';
  at: Date;
  finishedAt?: Date;
}

function markers() {
  return mongoose.connection.collection<SeedMarker>(seedMarkerCollection);
}

/** Names of the collections holding at least one document, the seed marker's collection excluded. */
export async function listNonEmptyCollections(): Promise<string[]> {
  const database = mongoose.connection.db;
  if (!database) throw new Error('the database is not connected');
  const collections = await database.listCollections({}, { nameOnly: true }).toArray();
  const names = collections.map((collection) => collection.name).filter((name) => name !== seedMarkerCollection && !name.startsWith('system.'));
  const counts = await Promise.all(names.map(async (name) => ({ name, count: await database.collection(name).countDocuments({}, { limit: 1 }) })));
  return counts.filter((entry) => entry.count > 0).map((entry) => entry.name).sort();
}

/** The demo seed's marker, or null when no seed has started on this database. */
export async function readDemoSeedMarker(): Promise<SeedMarker | null> {
  return markers().findOne({ _id: demoSeedMarkerId });
}

/**
 * Claims the demo seed for this process by inserting the marker with status `seeding`.
 * @returns false when another process (or an earlier start) holds the marker already.
 */
export async function claimDemoSeed(now: Date = new Date()): Promise<boolean> {
  try {
    await markers().insertOne({ _id: demoSeedMarkerId, status: 'seeding', at: now });
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return false;
    throw error;
  }
}

/** Marks the demo seed as finished. */
export async function completeDemoSeed(now: Date = new Date()): Promise<void> {
  await markers().updateOne({ _id: demoSeedMarkerId }, { $set: { status: 'done', finishedAt: now } });
}

/**
 * Deletes every document of every collection, the marker included. Only for undoing a failed seed
 * of a database that was empty when the seed started (indexes and collections stay).
 */
export async function clearSeededDatabase(): Promise<void> {
  const database = mongoose.connection.db;
  if (!database) throw new Error('the database is not connected');
  const collections = await database.listCollections({}, { nameOnly: true }).toArray();
  for (const { name } of collections) {
    if (!name.startsWith('system.')) await database.collection(name).deleteMany({});
  }
}

/**
 * Runs `work` all or nothing on a database found empty: when `work` throws, every document written
 * meanwhile (the marker included) is deleted and the error is rethrown with the cause attached.
 * The use cases commit one by one, so this is the seed's "transaction".
 * @throws Error `demo seed failed: …; the database was emptied again` (cause: the original error).
 */
export async function runAllOrNothing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    await clearSeededDatabase();
    throw new Error(`demo seed failed: ${(error as Error).message}; the database was emptied again`, { cause: error });
  }
}
