// One page per protocol version: <versionId>/index.html of the site (scripts/docs-site.ts runs
// the generator once per entry of scripts/docs-versions.ts, each into its own folder).
import { File } from '@asyncapi/generator-react-sdk';
import { readerModel } from '../components/model';
import { renderPage } from '../components/page';

export default function ({ asyncapi, params }) {
  const model = readerModel(asyncapi);
  model.asyncapiVersion = asyncapi.version();
  const versions = JSON.parse(params.versions);
  const page = renderPage({ model, versionId: params.versionId, versions, builtFrom: params.builtFrom });
  return <File name="index.html">{page.toString()}</File>;
}
