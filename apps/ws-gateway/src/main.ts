import { runService } from '@choice-sherpa/platform';
import { SERVICE } from './ws-gateway.service';

runService(SERVICE);
