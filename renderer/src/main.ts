import { mount } from 'svelte';
import { connectClient } from './api/client';
import { desktopAudioLink, webAudioLink } from './audio/audio-links';
import { CallAudio } from './audio/call-audio';
import App from './app.svelte';
import NoCarrier from './no-carrier.svelte';
import { createModels } from './state/models';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
const client = connectClient();
if (client) {
  mount(App, { target, props: { models: createModels(client.api), link: client.connection } });
  // Calls' sound: microphone and speaker while a call is connected, local ringing tones.
  const audio = new CallAudio({ api: client.api, openLink: desktopAudioLink() ?? webAudioLink(), onError: (message) => console.warn(`LiteSIP audio: ${message}`) });
  void audio.start();
} else mount(NoCarrier, { target });
