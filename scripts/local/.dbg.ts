import { startDynamoDbLocal } from './engines';
await startDynamoDbLocal({}).catch((e: Error) => console.log('ERR:', e.message));
