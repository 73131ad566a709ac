import conflicts from './conflicts';
import noStore from './no-store';

/** Route middlewares (Koa), used by the plugin's routes as `plugin::newsroom.<name>`. */
export default { conflicts, 'no-store': noStore };
