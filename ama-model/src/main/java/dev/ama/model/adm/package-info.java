/**
 * Model (ADM and ODM) definitions: the identifiers of each model ({@link
 * dev.ama.model.adm.ModelIds}), the standard models ama hosts ({@link
 * dev.ama.model.adm.StandardModels}) and name ↔ enum translation ({@link
 * dev.ama.model.adm.Nicknames}).
 */
package dev.ama.model.adm;
