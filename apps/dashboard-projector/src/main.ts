import { runService } from '@choice-sherpa/platform';
import { SERVICE } from './dashboard-projector.service';

runService(SERVICE);
