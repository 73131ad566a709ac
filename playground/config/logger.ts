// STRAPI_LOG_LEVEL=warn keeps test output readable; the default shows requests like any Strapi app.
export default {
  level: process.env.STRAPI_LOG_LEVEL || 'http',
};
