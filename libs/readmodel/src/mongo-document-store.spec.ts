import { MongoDocumentStore } from './mongo-document-store';
import { describeDocumentStoreContract } from './testing/document-store.contract';

const url = process.env.MONGODB_URL;
if (!url) {
  console.warn(
    'MongoDB read-model contract SKIPPED: set MONGODB_URL (e.g. mongodb://127.0.0.1:27017) to run it against a real server',
  );
}

// FerretDB v1 only accepts database names matching [a-zA-Z0-9_-]{1,63}.
const dbName = `readmodel_contract_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

jest.setTimeout(30_000);

describeDocumentStoreContract(
  `mongo (${url ?? 'no MONGODB_URL'})`,
  () => MongoDocumentStore.connect(url!, dbName, { serverSelectionTimeoutMS: 10_000 }),
  {
    skip: !url,
    teardown: (store) => store.dropDatabase(),
    atomicConditionalWrites: async (store) => !(await store.db.admin().command({ buildInfo: 1 })).ferretdbVersion,
  },
);
