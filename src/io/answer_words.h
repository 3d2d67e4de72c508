#pragma once
// How `limber ask` reads a typed answer, shared by the interview's parts:
// which fields take days, "not sure" or Enter for "none", and the words
// that say how to answer.

#include <string>
#include <string_view>

#include "knowledge/schema.h"

namespace limber::answer_words {

// "the answer" -> "The answer": a message as a sentence.
std::string capitalise(std::string text);

// An integer field counted in days ("pain_days"): answers may be in weeks,
// months or years too.
bool counts_days(const Field& f);

// "Not sure" to a yes/no question with a default: the careful reading is
// the opposite of the default, which assumes the better case (the pain is
// improving, the floor is within reach).
bool offers_not_sure(const Field& f);

// "not sure", "don't know" and the like.
bool is_not_sure(std::string_view text);

// What the hint under a question says about the answer it takes.
std::string how_to_answer(const Field& f);

// A safety question left empty means "none of these", said explicitly, so
// the saved profile records that the screening was answered.
bool enter_means_none(const Field& f);

}  // namespace limber::answer_words
