/** Helpers the value model shares with its codecs; not part of ama's API. */
package dev.ama.model.ari.internal;
