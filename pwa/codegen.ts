import type { CodegenConfig } from '@graphql-codegen/cli'

// Typed operations: the schema is the server's own .graphqls files.
const config: CodegenConfig = {
  schema: '../graph/*.graphqls',
  documents: ['src/**/*.{ts,vue}', '!src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      // Documents as plain strings, not parsed ASTs: a fraction of the bytes
      // in the first download (urql parses them once at run time).
      config: {
        documentMode: 'string',
        useTypeImports: true,
        scalars: { Time: 'string', Date: 'string', Cursor: 'string', Upload: 'File', ID: 'string', Map: 'Record<string, unknown>' },
        enumsAsTypes: true,
      },
    },
  },
}
export default config
