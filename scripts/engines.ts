import { ensureDynamoDbLocal } from './local/engines';

// `npm run engines`: fetch DynamoDB Local into .cache/ ahead of time (setup step, CI cache warm-up),
// so the first test run or local start does not pay for the download.
const { jar, libDir } = await ensureDynamoDbLocal();
console.log(`DynamoDB Local jar: ${jar}`);
console.log(`DynamoDB Local native libraries: ${libDir}`);
