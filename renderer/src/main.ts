import { mount } from 'svelte';
import { connectClient } from './api/client';
import App from './app.svelte';
import NoCarrier from './no-carrier.svelte';
import { CallsModel } from './state/calls-model.svelte';
import { SettingsModel } from './state/settings-model.svelte';
import { StatusModel } from './state/status-model.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
const client = connectClient();
if (client) {
  mount(App, {
    target,
    props: { status: new StatusModel(client.api), settings: new SettingsModel(client.api), calls: new CallsModel(client.api), link: client.connection },
  });
}
else mount(NoCarrier, { target });
