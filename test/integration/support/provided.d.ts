// What the integration global setup hands to test files through project.provide / inject.
declare module 'vitest' {
  export interface ProvidedContext {
    /** DynamoDB Local, in memory, shared by the whole run (each file uses its own table prefix). */
    dynamoEndpoint: string;
    /** s3rver on a temp directory, shared by the whole run (each file uses its own buckets). */
    s3Endpoint: string;
  }
}

export {};
