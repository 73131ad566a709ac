import conflicts from './conflicts';

/** Route middlewares (Koa), used by the plugin's routes as `plugin::newsroom.<name>`. */
export default { conflicts };
