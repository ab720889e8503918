// Local graphql-codegen plugin: prepends `config.banner` as a line comment, so every generated
// TypeScript file says it is generated (the stock `add` plugin is not a direct dependency).
'use strict';

module.exports = {
  plugin(_schema, _documents, config) {
    return { prepend: [`// ${config.banner}\n`], content: '' };
  },
  validate(_schema, _documents, config) {
    if (typeof config.banner !== 'string' || !config.banner) throw new Error('banner-plugin: set config.banner.');
  },
};
