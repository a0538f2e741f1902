// The configuration file the hive-gateway CLI loads (`--config-path dist/gateway/routers/hive-gateway.config.js`):
// our gateway's environment variables (README "Configuration"), read as our gateway reads them.
import { readGatewayConfig } from '../config';
import { hiveGatewayConfig } from './hive-gateway';

export const gatewayConfig = hiveGatewayConfig(readGatewayConfig(process.env));
