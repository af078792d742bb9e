import { mount } from 'svelte';
import { connectClient } from './api/client';
import App from './app.svelte';
import NoCarrier from './no-carrier.svelte';
import { createModels } from './state/models';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
const client = connectClient();
if (client) mount(App, { target, props: { models: createModels(client.api), link: client.connection } });
else mount(NoCarrier, { target });
