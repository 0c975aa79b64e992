// class-transformer's store of @Type metadata: exported by its CommonJS build, typed apart from it.
declare module 'class-transformer/cjs/storage' {
  export const defaultMetadataStorage: import('class-transformer/types/MetadataStorage').MetadataStorage;
}
