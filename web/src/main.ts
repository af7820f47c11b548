import { mount } from 'svelte';
import App from './App.svelte';
import { AppState } from './lib/app.svelte';
import './app.css';

function sessionStore(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    // Storage can be refused (privacy settings); the app then forgets the sign-in on reload.
    return undefined;
  }
}

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app');

const app = new AppState({ fetcher: window.fetch.bind(window), storage: sessionStore(), window, location: window.location });
mount(App, { target, props: { app } });
