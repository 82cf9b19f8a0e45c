// Loaded by the task pane page in the workbench only (the workbench server adds its <script> ahead of
// office.js and the pane's deferred bundle): gives the pane's window the nestedAppAuthBridge that Office
// hosts provide and MSAL's createNestablePublicClientApplication looks for, relayed to the workbench page
// (the host), which answers from its local identity provider (workbench/identity, docs/workbench-identity.md).
// The pane and the workbench page share an origin (one server), so the host's origin is the pane's own.

import { installNaaRelay } from "../identity";

if (window.parent !== window) installNaaRelay(window, window.location.origin);
